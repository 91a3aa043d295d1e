1..1_000_000
|> Enum.map(&(&1 * 2))
|> Enum.filter(&(rem(&1, 3) == 0))
|> Enum.sum()
|> IO.inspect()
IO.inspect(Enum.reduce(1..100_000, 0, fn x, acc -> acc + rem(x, 7) end))
