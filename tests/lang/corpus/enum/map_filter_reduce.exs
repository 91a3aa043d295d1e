list = [1, 2, 3, 4, 5, 6]
IO.inspect(Enum.map(list, &(&1 * 2)))
IO.inspect(Enum.filter(list, &(rem(&1, 2) == 0)))
IO.inspect(Enum.reject(list, &(rem(&1, 2) == 0)))
IO.inspect(Enum.reduce(list, 0, &+/2))
IO.inspect(Enum.reduce(list, fn x, acc -> x * acc end))
IO.inspect(Enum.reduce([], :empty, fn x, _ -> x end))
IO.inspect(Enum.map(%{a: 1, b: 2}, fn {k, v} -> {k, v * 10} end))
