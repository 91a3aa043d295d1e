IO.inspect(Enum.scan(1..5, &+/2))
IO.inspect(Enum.scan(1..5, 10, &+/2))
IO.inspect(Enum.map_reduce([1, 2, 3], 0, fn x, acc -> {x * 2, acc + x} end))
IO.inspect(Enum.reduce_while(1..100, 0, fn x, acc ->
  if acc + x > 20, do: {:halt, acc}, else: {:cont, acc + x}
end))
IO.inspect(Enum.map_every(1..10, 3, &(&1 * 100)))
