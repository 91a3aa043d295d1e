List.to_atom(Enum.at([:already_atom], 0))
