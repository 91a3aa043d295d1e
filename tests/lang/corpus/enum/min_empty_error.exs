IO.inspect(Enum.max([1]))
Enum.min([])
