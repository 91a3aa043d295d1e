IO.inspect(Enum.count([1]))
Enum.count(:not_enumerable)
