check = fn x ->
  case x do
    x when is_atom(x) and x != nil -> :atom
    x when is_list(x) and length(x) > 2 -> :long_list
    x when is_map(x) and map_size(x) == 0 -> :empty_map
    x when is_tuple(x) and tuple_size(x) == 3 -> :triple
    x when is_binary(x) and byte_size(x) > 3 -> :long_string
    x when x in 1..5 -> :small
    x when rem(x, 2) == 0 -> :even
    _ -> :other
  end
end
IO.inspect(Enum.map([:a, nil, [1, 2, 3], %{}, {1, 2, 3}, "long", 3, 10, 11], check))
