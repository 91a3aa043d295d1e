values = [1, 1.0, :a, "s", 'c', [], {}, %{}, nil, true, &Kernel.+/2, 1..2]
for v <- values do
  checks = [
    is_integer(v), is_float(v), is_number(v), is_atom(v), is_binary(v),
    is_list(v), is_tuple(v), is_map(v), is_nil(v), is_boolean(v), is_function(v)
  ]
  IO.puts("#{inspect(v)}: #{Enum.map_join(checks, "", &if(&1, do: "1", else: "0"))}")
end
