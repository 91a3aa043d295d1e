t = Enum.at([{1, 2}], 0)
IO.inspect(elem(t, 1))
elem(t, 5)
