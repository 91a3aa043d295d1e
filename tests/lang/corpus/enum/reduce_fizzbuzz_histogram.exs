hist =
  1..30
  |> Enum.map(fn n ->
    cond do
      rem(n, 15) == 0 -> :fizzbuzz
      rem(n, 3) == 0 -> :fizz
      rem(n, 5) == 0 -> :buzz
      true -> :number
    end
  end)
  |> Enum.frequencies()
IO.inspect(hist)
for {k, v} <- hist, do: IO.puts("#{String.pad_trailing(to_string(k), 9)}#{String.duplicate("*", v)}")
