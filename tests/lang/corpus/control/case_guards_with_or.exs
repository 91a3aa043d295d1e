kind = fn
  x when is_integer(x) or is_float(x) -> :number
  x when is_binary(x) when is_atom(x) -> :name
  _ -> :other
end
IO.inspect(Enum.map([1, 2.0, "s", :a, [], nil], kind))
