first..last//_ = 4..8
IO.inspect({first, last})
r = 1..3
IO.inspect(r == 1..3//1)
IO.inspect(Enum.zip(r, 10..12))
IO.inspect(Enum.map(r, fn i -> String.duplicate("*", i) end))
IO.inspect(for i <- r, j <- r, i < j, do: {i, j})
IO.inspect(Range.new(5, 1, -2) |> Enum.to_list())
