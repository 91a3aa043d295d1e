items = ~w(apple banana cherry date elderberry)
IO.inspect(for {item, i} <- Enum.with_index(items), rem(i, 2) == 0, do: "#{i}:#{item}")
IO.inspect(for item <- items, String.length(item) > 5, String.contains?(item, "e"), do: item)
IO.inspect(for item <- items, into: %{}, do: {String.first(item), String.length(item)})
