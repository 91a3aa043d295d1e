Map.update!(%{a: 1}, :b, &(&1 + 1))
