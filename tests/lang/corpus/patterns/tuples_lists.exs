{a, b} = {1, 2}
IO.inspect({a, b})
[x, y, z] = [:x, :y, :z]
IO.inspect([z, y, x])
[h | t] = [1, 2, 3]
IO.inspect(h)
IO.inspect(t)
[first, second | rest] = Enum.to_list(1..5)
IO.inspect({first, second, rest})
{:ok, {inner, [deep]}} = {:ok, {:in, [:deep]}}
IO.inspect({inner, deep})
[_ | [two | _]] = [1, 2, 3]
IO.inspect(two)
