values = Enum.map([1], & &1)
IO.inspect(not false)
IO.inspect(Enum.map(values, &is_integer/1))
not hd(values)
