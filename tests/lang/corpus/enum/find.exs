l = [1, 3, 4, 7, 8]
IO.inspect(Enum.find(l, &(rem(&1, 2) == 0)))
IO.inspect(Enum.find(l, &(&1 > 100)))
IO.inspect(Enum.find(l, :none, &(&1 > 100)))
IO.inspect(Enum.find_index(l, &(&1 == 7)))
IO.inspect(Enum.find_value(l, fn x -> if x > 3, do: x * 100 end))
IO.inspect(Enum.find_value([], fn _ -> true end))
