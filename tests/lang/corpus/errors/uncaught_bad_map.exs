not_a_map = Enum.at([[1, 2]], 0)
Map.get(not_a_map, :a)
