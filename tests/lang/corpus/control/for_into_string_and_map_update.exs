text = "the quick brown fox jumps over the lazy dog the end"
freq = for w <- String.split(text), into: %{}, do: {w, 0}
IO.inspect(Map.keys(freq))
counts = Enum.reduce(String.split(text), %{}, fn w, acc -> Map.update(acc, w, 1, &(&1 + 1)) end)
IO.inspect(counts["the"])
IO.inspect(for {w, c} <- counts, c > 1, do: w)
IO.inspect(for c <- String.graphemes("abc"), into: "", do: c <> c)
