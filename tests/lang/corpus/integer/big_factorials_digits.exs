fact = fn n -> Enum.reduce(1..n, 1, &*/2) end
f100 = fact.(100)
IO.inspect(f100)
IO.inspect(f100 |> Integer.digits() |> Enum.sum())
IO.inspect(f100 |> Integer.to_string() |> String.length())
IO.inspect(rem(f100, 1_000_000_007))
IO.inspect(Integer.pow(2, 200) - 1)
IO.inspect(Integer.gcd(fact.(20), Integer.pow(2, 30)))
