primes =
  Stream.iterate(2, &(&1 + 1))
  |> Stream.filter(fn n -> Enum.all?(2..max(2, trunc(:math.sqrt(n))), &(&1 == n or rem(n, &1) != 0)) end)
IO.inspect(Enum.take(primes, 15))
fib = Stream.unfold({0, 1}, fn {a, b} -> {a, {b, a + b}} end)
IO.inspect(Enum.take(fib, 20))
IO.inspect(fib |> Stream.drop(90) |> Enum.take(2))
