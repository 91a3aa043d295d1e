list = [%{n: 1}]
item = Enum.at(list, 3)
item.n
