m = %{"name" => "ann", "age" => 30}
IO.inspect(m["name"])
IO.inspect(Map.get(m, :name))
atomized = for {k, v} <- m, into: %{}, do: {String.to_atom(k), v}
IO.inspect(atomized)
IO.inspect(Map.new(atomized, fn {k, v} -> {Atom.to_string(k), v} end) == m)
