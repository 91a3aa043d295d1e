x = 5
IO.inspect(-x)
IO.inspect(+x)
IO.inspect(not false)
IO.inspect(!x)
IO.inspect(-(-x))
IO.inspect(abs(-x))
IO.inspect(- 2.5)
IO.inspect(Kernel.-(x))
