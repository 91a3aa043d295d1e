# Naive recursion: function calls, guards, integer arithmetic.
# `make bench` reads the RESULT and TIME_US lines (scripts/bench.py, src/bench.rs).
defmodule Bench do
  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def run, do: fib(27)
end

{us, result} = :timer.tc(&Bench.run/0)
IO.puts("RESULT #{inspect(result)}")
IO.puts("TIME_US #{us}")
