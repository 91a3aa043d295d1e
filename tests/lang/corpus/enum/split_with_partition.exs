IO.inspect(Enum.split_with(1..10, &(rem(&1, 3) == 0)))
IO.inspect(Enum.split_with(%{a: 1, b: -1}, fn {_, v} -> v > 0 end))
IO.inspect(Enum.split_with([], & &1))
