IO.inspect(Enum.reduce([1], &+/2))
Enum.reduce([], &+/2)
