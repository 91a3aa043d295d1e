defmodule Matrix do
  def transpose(m), do: m |> Enum.zip() |> Enum.map(&Tuple.to_list/1)
  def mult(a, b) do
    bt = transpose(b)
    for row <- a, do: for(col <- bt, do: Enum.zip_with(row, col, &*/2) |> Enum.sum())
  end
  def identity(n), do: for(i <- 1..n, do: for(j <- 1..n, do: if(i == j, do: 1, else: 0)))
end
a = [[1, 2], [3, 4]]
IO.inspect(Matrix.transpose(a))
IO.inspect(Matrix.mult(a, a))
IO.inspect(Matrix.mult(a, Matrix.identity(2)) == a)
IO.inspect(Matrix.identity(4))
