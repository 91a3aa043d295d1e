l = [1, 2 | Enum.count([])]
IO.inspect(l)
length(l)
