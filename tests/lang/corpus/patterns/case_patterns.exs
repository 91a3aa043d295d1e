classify = fn value ->
  case value do
    0 -> :zero
    n when is_integer(n) and n > 0 -> :positive_int
    n when is_integer(n) -> :negative_int
    f when is_float(f) -> :float
    [] -> :empty_list
    [_] -> :singleton
    [_ | _] -> :list
    {} -> :empty_tuple
    {_, _} -> :pair
    %{type: t} -> {:typed, t}
    %{} -> :map
    s when is_binary(s) -> :string
    _ -> :other
  end
end
for v <- [0, 5, -5, 1.5, [], [1], [1, 2], {}, {1, 2}, %{type: :x}, %{}, "s", :atom] do
  IO.inspect(classify.(v))
end
