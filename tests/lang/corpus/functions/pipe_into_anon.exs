square = fn x -> x * x end
IO.inspect(3 |> square.())
IO.inspect([1, 2] |> Enum.map(square))
IO.inspect("abc" |> (&String.duplicate(&1, 2)).())
IO.inspect(5 |> then(&(&1 + 1)))
IO.inspect(5 |> tap(&IO.inspect(&1, label: "tap")) |> Kernel.*(2))
