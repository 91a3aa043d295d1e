x = 5
if x > 3 do
  IO.puts("big")
else
  IO.puts("small")
end
IO.inspect(if x < 3, do: :yes)
IO.inspect(if nil, do: 1, else: 2)
IO.inspect(if 0, do: :truthy, else: :falsy)
IO.inspect(if [], do: :truthy)
unless x == 5 do
  IO.puts("not five")
else
  IO.puts("five")
end
IO.inspect(unless false, do: :ran)
IO.inspect(unless true, do: :ran)
