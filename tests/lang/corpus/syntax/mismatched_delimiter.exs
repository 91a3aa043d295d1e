IO.inspect([1, 2})
