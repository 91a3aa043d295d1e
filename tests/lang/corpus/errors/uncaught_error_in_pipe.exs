[1, 2, 3]
|> Enum.map(&(&1 * 2))
|> Enum.sum()
|> String.upcase()
