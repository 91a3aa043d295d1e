f = fn
  {a} -> {:one, a}
  {a, b} -> {:two, a, b}
  {_, _, _} = t -> {:three, t}
end
IO.inspect(f.({1}))
IO.inspect(f.({1, 2}))
IO.inspect(f.({1, 2, 3}))
f.({1, 2, 3, 4})
