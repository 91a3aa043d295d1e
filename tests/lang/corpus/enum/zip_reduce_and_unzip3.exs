IO.inspect(Enum.zip_reduce([1, 2, 3], [4, 5, 6], 0, fn a, b, acc -> acc + a * b end))
IO.inspect(Enum.zip([1, 2], [3, 4]) |> Enum.unzip())
IO.inspect(List.zip([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
