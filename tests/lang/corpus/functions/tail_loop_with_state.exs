defmodule Collatz do
  def steps(1, n), do: n
  def steps(x, n) when rem(x, 2) == 0, do: steps(div(x, 2), n + 1)
  def steps(x, n), do: steps(3 * x + 1, n + 1)
end
IO.inspect(Collatz.steps(27, 0))
best = Enum.max_by(1..10_000, &Collatz.steps(&1, 0))
IO.inspect(best)
