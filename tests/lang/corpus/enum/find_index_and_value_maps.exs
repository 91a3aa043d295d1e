m = %{a: 3, b: 0, c: 7}
IO.inspect(Enum.find(m, fn {_, v} -> v == 0 end))
IO.inspect(Enum.find_index(Map.to_list(m), fn {k, _} -> k == :c end))
IO.inspect(Enum.find_value(m, fn {k, v} -> v > 5 && k end))
IO.inspect(Enum.filter(m, fn {_k, v} -> v > 0 end) |> Map.new())
