IO.inspect(Enum.fetch!([1, 2], 1))
Enum.fetch!([1, 2], 5)
