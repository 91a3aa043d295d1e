x = Enum.count([])
IO.inspect([1] ++ x)
IO.inspect(length([1 | x]))
