f = fn
  x when hd(x) > 0 -> :positive_head
  _ -> :fallback
end
IO.inspect(f.([1]))
IO.inspect(f.([]))
IO.inspect(f.(:atom))
g = fn x when length(x) > 1 or is_atom(x) -> :yes; _ -> :no end
IO.inspect(g.(:a))
IO.inspect(g.(:b))
