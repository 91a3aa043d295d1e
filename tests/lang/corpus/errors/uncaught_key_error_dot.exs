m = %{name: "x"}
IO.puts(m.name)
m.age
