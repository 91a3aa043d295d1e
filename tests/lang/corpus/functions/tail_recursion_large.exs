defmodule Tail do
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)
  def sum_to(n), do: sum_to(n, 0)
  defp sum_to(0, acc), do: acc
  defp sum_to(n, acc), do: sum_to(n - 1, acc + n)
end
IO.inspect(Tail.count(1_000_000, 0))
IO.inspect(Tail.sum_to(2_000_000))
