defmodule R do
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)
  def sum([]), do: 0
  def sum([h | t]), do: h + sum(t)
  def build(0), do: []
  def build(n), do: [n | build(n - 1)]
end
IO.puts R.count(1_000_000, 0)
IO.puts R.sum(R.build(100_000))
