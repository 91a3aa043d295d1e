{x, x} = {1, 1}
IO.inspect(x)
same? = fn
  {a, a} -> true
  {_, _} -> false
end
IO.inspect(same?.({2, 2}))
IO.inspect(same?.({2, 3}))
IO.inspect(same?.({1, 1.0}))
[y, y | _] = [:q, :q, :r]
IO.inspect(y)
{z, z} = {1, 2}
