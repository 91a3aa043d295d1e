defmodule Acc do
  def reverse(list), do: reverse(list, [])
  defp reverse([], acc), do: acc
  defp reverse([h | t], acc), do: reverse(t, [h | acc])
  def max_of([h | t]), do: Enum.reduce(t, h, fn x, m -> if x > m, do: x, else: m end)
  def partition(list, pred), do: partition(list, pred, [], [])
  defp partition([], _pred, yes, no), do: {reverse(yes), reverse(no)}
  defp partition([h | t], pred, yes, no) do
    if pred.(h), do: partition(t, pred, [h | yes], no), else: partition(t, pred, yes, [h | no])
  end
end
IO.inspect(Acc.reverse([1, 2, 3]))
IO.inspect(Acc.max_of([3, 9, 2]))
IO.inspect(Acc.partition(1..10 |> Enum.to_list(), &(rem(&1, 3) == 0)))
