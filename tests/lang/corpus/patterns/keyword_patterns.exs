[a: x, b: y] = [a: 1, b: 2]
IO.inspect({x, y})
[{:name, n} | _] = [name: "Z", other: 1]
IO.inspect(n)
f = fn
  [mode: :fast] -> :fast
  [mode: m] -> {:mode, m}
  [] -> :default
end
IO.inspect(f.(mode: :fast))
IO.inspect(f.(mode: :slow))
IO.inspect(f.([]))
