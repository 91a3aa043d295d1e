sum = for x <- 1..10, reduce: 0 do
  acc -> acc + x
end
IO.inspect(sum)
counts = for w <- ~w(a b a c b a), reduce: %{} do
  acc -> Map.update(acc, w, 1, &(&1 + 1))
end
IO.inspect(counts)
r = for x <- 1..5, rem(x, 2) == 1, reduce: [] do
  acc -> [x | acc]
end
IO.inspect(r)
