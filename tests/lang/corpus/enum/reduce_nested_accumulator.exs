{evens, odds} =
  Enum.reduce(1..10, {[], []}, fn x, {e, o} ->
    if rem(x, 2) == 0, do: {[x | e], o}, else: {e, [x | o]}
  end)
IO.inspect({Enum.reverse(evens), Enum.reverse(odds)})
stats = Enum.reduce([4, 8, 15, 16, 23, 42], %{min: nil, max: nil, sum: 0}, fn x, acc ->
  %{acc | min: min(acc.min || x, x), max: max(acc.max || x, x), sum: acc.sum + x}
end)
IO.inspect(stats)
