:erlang.atom_to_binary(Enum.at(["not an atom"], 0))
