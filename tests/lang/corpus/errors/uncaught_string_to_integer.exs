String.to_integer(Enum.at(["12x"], 0))
