IO.inspect(Enum.to_list(1..40))
IO.inspect(Enum.map(1..30, &(&1 * 1000)))
IO.inspect(Enum.map(1..12, fn i -> "string number #{i}" end))
IO.inspect(Enum.map(1..8, fn i -> {:item, i, "name #{i}"} end))
