data = [5, 3, 5, 1, 3, 8, 1, 9]
data |> Enum.uniq() |> Enum.sort() |> IO.inspect()
data |> Enum.sort(:desc) |> Enum.dedup() |> IO.inspect()
data |> Enum.with_index() |> Enum.max_by(&elem(&1, 0)) |> IO.inspect()
IO.inspect(Enum.sum(data) / length(data))
