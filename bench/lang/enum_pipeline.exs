1..1_000_000
|> Enum.map(fn x -> x * 2 end)
|> Enum.filter(fn x -> rem(x, 3) == 0 end)
|> Enum.reduce(0, fn x, acc -> x + acc end)
|> IO.puts()
