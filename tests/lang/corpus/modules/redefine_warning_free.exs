defmodule Counter do
  def start, do: 0
  def inc(n), do: n + 1
  def inc_by(n, by \\ 1), do: n + by
end
n = Counter.start() |> Counter.inc() |> Counter.inc() |> Counter.inc_by(10)
IO.inspect(n)
IO.inspect(Counter.inc_by(0))
