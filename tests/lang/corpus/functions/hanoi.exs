defmodule Hanoi do
  def solve(0, _, _, _), do: []
  def solve(n, from, to, via), do: solve(n - 1, from, via, to) ++ [{from, to}] ++ solve(n - 1, via, to, from)
end
IO.inspect(Hanoi.solve(3, :a, :c, :b))
IO.inspect(length(Hanoi.solve(10, :a, :c, :b)))
