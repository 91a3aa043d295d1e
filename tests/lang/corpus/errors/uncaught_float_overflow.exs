x = Enum.at([1.0e308], 0)
IO.inspect(x * 1.5)
x * 10
