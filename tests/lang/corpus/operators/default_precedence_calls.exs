IO.inspect(length [1, 2] ++ [3])
IO.inspect(Enum.count [1, 2, 3])
IO.puts "no parens #{1 + 1}"
IO.inspect max(1, 2) + 1
IO.inspect(elem {1, 2}, 0)
v = Map.get %{a: 1}, :a, 0
IO.inspect v
