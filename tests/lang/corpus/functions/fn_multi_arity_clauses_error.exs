f = fn
  x, y when x > y -> :gt
  _, _ -> :le
end
IO.inspect(f.(2, 1))
IO.inspect(f.(1, 2))
