prices = %{apple: 1.5, bread: 3.0, milk: 0.99, cheese: 7.25}
IO.inspect(Enum.filter(prices, fn {_, p} -> p > 1 end))
IO.inspect(prices |> Enum.map(fn {k, _} -> k end))
IO.inspect(prices |> Enum.sort_by(fn {_, p} -> p end) |> Enum.map(&elem(&1, 0)))
IO.inspect(prices |> Map.values() |> Enum.sum() |> Float.round(2))
IO.inspect(Enum.max_by(prices, fn {_, p} -> p end))
