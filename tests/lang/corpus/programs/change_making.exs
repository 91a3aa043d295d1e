defmodule Change do
  def make(amount, coins), do: make(amount, Enum.sort(coins, :desc), [])
  defp make(0, _, acc), do: Enum.reverse(acc)
  defp make(_, [], _), do: :impossible
  defp make(amount, [c | _] = coins, acc) when c <= amount, do: make(amount - c, coins, [c | acc])
  defp make(amount, [_ | rest], acc), do: make(amount, rest, acc)
end
IO.inspect(Change.make(87, [25, 10, 5, 1]))
IO.inspect(Change.make(3, [2]))
IO.inspect(Change.make(0, [1]))
