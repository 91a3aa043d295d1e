IO.inspect([a: 1, 2])
