IO.inspect(Keyword.fetch!([x: 1], :x))
Keyword.fetch!([x: 1], :y)
