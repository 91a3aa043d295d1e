m = Map.new(a: 1)
IO.inspect(Map.fetch!(m, :a))
Map.fetch!(m, :missing)
