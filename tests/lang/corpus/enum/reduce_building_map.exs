IO.inspect(Enum.reduce(1..5, %{}, fn i, acc -> Map.put(acc, i, i * i) end))
IO.inspect(Enum.reduce(~w(a b c), [], fn x, acc -> [x | acc] end))
IO.inspect(Enum.reduce([{:a, 1}, {:b, 2}, {:a, 3}], %{}, fn {k, v}, acc -> Map.update(acc, k, [v], &[v | &1]) end))
