l = Enum.to_list(1..10)
IO.inspect(Enum.chunk_every(l, 3))
IO.inspect(Enum.chunk_every(l, 3, 2))
IO.inspect(Enum.chunk_every(l, 3, 3, :discard))
IO.inspect(Enum.chunk_every(l, 4, 4, [:pad, :pad]))
IO.inspect(Enum.chunk_by([1, 1, 2, 3, 3, 1], & &1))
IO.inspect(Enum.chunk_by(~w(a b 1 2 c), &(&1 =~ ~r/\d/)))
IO.inspect(Enum.chunk_while(1..10, [], fn x, acc ->
  if rem(x, 3) == 0, do: {:cont, Enum.reverse([x | acc]), []}, else: {:cont, [x | acc]}
end, fn
  [] -> {:cont, []}
  acc -> {:cont, Enum.reverse(acc), []}
end))
