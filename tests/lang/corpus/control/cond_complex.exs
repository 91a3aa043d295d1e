fizzbuzz = fn n ->
  cond do
    rem(n, 15) == 0 -> "FizzBuzz"
    rem(n, 3) == 0 -> "Fizz"
    rem(n, 5) == 0 -> "Buzz"
    true -> Integer.to_string(n)
  end
end
1..20 |> Enum.map(fizzbuzz) |> Enum.join(" ") |> IO.puts()
