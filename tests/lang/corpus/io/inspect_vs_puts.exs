values = [:atom, "string", 'chars', 12, 1.5, [1, 2], {1, 2}, %{a: 1}, nil, true]
for v <- values, is_binary(v) or is_atom(v) or is_number(v) do
  IO.puts(v)
end
for v <- values, do: IO.inspect(v)
IO.puts(inspect(values))
