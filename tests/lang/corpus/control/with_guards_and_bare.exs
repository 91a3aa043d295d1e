r =
  with {:ok, n} when n > 0 <- {:ok, 5},
       doubled = n * 2,
       true <- doubled < 100 do
    doubled
  end
IO.inspect(r)
r2 = with {:ok, n} when n > 0 <- {:ok, -1}, do: n
IO.inspect(r2)
r3 = with x <- 1, y <- x + 1, do: {x, y}
IO.inspect(r3)
