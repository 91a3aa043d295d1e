x = Enum.random([1])
IO.puts("before")
IO.inspect(x and true)
