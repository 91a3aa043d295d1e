defmodule Comb do
  def perms([]), do: [[]]
  def perms(list), do: for(x <- list, rest <- perms(list -- [x]), do: [x | rest])
  def combos(_, 0), do: [[]]
  def combos([], _), do: []
  def combos([h | t], k), do: Enum.map(combos(t, k - 1), &[h | &1]) ++ combos(t, k)
end
IO.inspect(Comb.perms([1, 2, 3]))
IO.inspect(Comb.combos([:a, :b, :c, :d], 2))
IO.inspect(length(Comb.perms(Enum.to_list(1..6))))
