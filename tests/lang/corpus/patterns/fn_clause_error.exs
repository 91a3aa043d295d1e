f = fn
  0 -> :zero
  n when n > 0 -> :pos
end
IO.inspect(f.(1))
IO.inspect(f.(-1))
