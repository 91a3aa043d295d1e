# An Enum pipeline over 1,000,000 integers: captures, ranges, list building.
# `make bench` reads the RESULT and TIME_US lines (scripts/bench.py, src/bench.rs).
defmodule Bench do
  def run do
    1..1_000_000
    |> Enum.map(&(&1 * 2))
    |> Enum.filter(&(rem(&1, 3) == 0))
    |> Enum.sum()
  end
end

{us, result} = :timer.tc(&Bench.run/0)
IO.puts("RESULT #{inspect(result)}")
IO.puts("TIME_US #{us}")
