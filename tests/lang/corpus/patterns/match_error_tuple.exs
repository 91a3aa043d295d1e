{a, b} = {1, 2}
IO.inspect(a + b)
{:ok, value} = {:error, :enoent}
IO.inspect(value)
