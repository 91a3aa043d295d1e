defmodule Sieve do
  def primes(n) do
    Enum.reduce(2..n, MapSet.new(2..n), fn i, acc ->
      if MapSet.member?(acc, i) and i * i <= n do
        Enum.reduce((i * i)..n//i, acc, &MapSet.delete(&2, &1))
      else
        acc
      end
    end)
    |> Enum.sort()
  end
end
IO.inspect(Sieve.primes(100))
IO.inspect(length(Sieve.primes(10_000)))
