defmodule NT do
  def prime?(n) when n < 2, do: false
  def prime?(n), do: Enum.all?(2..max(2, trunc(:math.sqrt(n))), &(&1 == n or rem(n, &1) != 0))
  def lcm(a, b), do: div(a * b, Integer.gcd(a, b))
  def divisors(n), do: for(d <- 1..n, rem(n, d) == 0, do: d)
end
IO.inspect(Enum.filter(1..50, &NT.prime?/1))
IO.inspect(Enum.reduce(1..20, &NT.lcm/2))
IO.inspect(NT.divisors(360))
IO.inspect(Integer.pow(7, 77) |> rem(1000))
