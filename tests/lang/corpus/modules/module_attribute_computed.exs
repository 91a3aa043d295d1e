defmodule Table do
  @squares for n <- 1..5, into: %{}, do: {n, n * n}
  @total Enum.sum(Map.values(@squares))
  def squares, do: @squares
  def total, do: @total
end
IO.inspect(Table.squares())
IO.inspect(Table.total())
