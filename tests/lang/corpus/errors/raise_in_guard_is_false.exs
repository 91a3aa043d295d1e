f = fn
  x when elem(x, 5) == 1 -> :matched
  _ -> :guard_error_means_false
end
IO.inspect(f.({1}))
IO.inspect(f.(:not_tuple))
