matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
matrix |> Enum.map(fn row -> Enum.join(row, " ") end) |> Enum.join("\n") |> IO.puts()
IO.inspect(Enum.zip(matrix) |> Enum.map(&Tuple.to_list/1))
IO.inspect(Enum.map(matrix, &Enum.sum/1))
IO.inspect(matrix |> List.flatten() |> Enum.sum())
