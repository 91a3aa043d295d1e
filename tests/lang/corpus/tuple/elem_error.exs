put_elem(Enum.at([{1, 2}], 0), 3, :x)
