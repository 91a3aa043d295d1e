%{a: a} = Map.new([{:b, 1}])
IO.inspect(a)
