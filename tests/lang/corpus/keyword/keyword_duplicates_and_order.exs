kw = [b: 1, a: 2, b: 3]
IO.inspect(Keyword.get(kw, :b))
IO.inspect(Keyword.delete_first(kw, :b))
IO.inspect(Keyword.pop(kw, :b))
IO.inspect(Keyword.pop_first(kw, :b))
IO.inspect(Keyword.replace(kw, :a, 20))
IO.inspect(Keyword.split(kw, [:a]))
IO.inspect(Keyword.equal?([a: 1, b: 2], [b: 2, a: 1]))
IO.inspect(Keyword.filter(kw, fn {_, v} -> v > 1 end))
