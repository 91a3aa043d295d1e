[1, 2, 3]
|> IO.inspect(label: "before")
|> Enum.map(&(&1 * 2))
|> IO.inspect(label: "after")
|> Enum.sum()
|> IO.inspect(label: "sum")
IO.inspect(Enum.to_list(1..40), label: "long list with a label")
