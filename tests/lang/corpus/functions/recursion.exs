defmodule Rec do
  def fact(0), do: 1
  def fact(n) when n > 0, do: n * fact(n - 1)
  def fib(0), do: 0
  def fib(1), do: 1
  def fib(n), do: fib(n - 1) + fib(n - 2)
  def sum([]), do: 0
  def sum([h | t]), do: h + sum(t)
  def ackermann(0, n), do: n + 1
  def ackermann(m, 0), do: ackermann(m - 1, 1)
  def ackermann(m, n), do: ackermann(m - 1, ackermann(m, n - 1))
end
IO.inspect(Rec.fact(20))
IO.inspect(Rec.fact(40))
IO.inspect(Rec.fib(20))
IO.inspect(Rec.sum(Enum.to_list(1..1000)))
IO.inspect(Rec.ackermann(2, 3))
