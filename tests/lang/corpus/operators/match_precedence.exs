a = b = 5
IO.inspect({a, b})
c = 1 + 2
IO.inspect(c)
{d, e} = {1 + 1, 2 * 3}
IO.inspect(d + e)
f = [g | _] = [7, 8]
IO.inspect({f, g})
h = if true, do: 1, else: 2
IO.inspect(h)
