IO.inspect for x <- [1, 2, 3], y <- [:a, :b], do: {x, y}
IO.inspect for {:ok, v} <- [{:ok, 1}, :error, {:ok, 2}], do: v
IO.inspect for x <- 1..10, rem(x, 3) == 0, do: x
IO.inspect for x <- [1, 2, 2, 3], uniq: true, do: x
total = for x <- 1..4, reduce: 0 do
  acc -> acc + x
end
IO.inspect total
IO.inspect for c <- ["a", "b"], into: "", do: c <> c
IO.inspect for k <- [:x, :y], into: %{}, do: {k, 1}
