table = for i <- 1..3, into: %{} do
  {i, for(j <- 1..3, into: %{}, do: {j, i * j})}
end
IO.inspect(table)
IO.inspect(table[2][3])
