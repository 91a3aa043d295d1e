m = %{a: 1, b: 2, c: 3, d: 4}
IO.inspect(Map.take(m, [:a, :c, :zz]))
IO.inspect(Map.drop(m, [:a, :b]))
IO.inspect(Map.split(m, [:a, :d]))
IO.inspect(Map.filter(m, fn {_, v} -> v > 2 end))
IO.inspect(Map.reject(m, fn {_, v} -> v > 2 end))
IO.inspect(Map.new(m, fn {k, v} -> {v, k} end))
IO.inspect(Map.from_keys([:x, :y], 0))
IO.inspect(Map.equal?(%{a: 1}, %{a: 1}))
