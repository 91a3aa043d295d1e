rows = [{"Name", "Qty", "Price"}, {"apple", 3, 0.5}, {"watermelon", 1, 3.25}, {"fig", 12, 0.2}]
for {a, b, c} <- rows do
  IO.puts(String.pad_trailing(to_string(a), 12) <> String.pad_leading(to_string(b), 5) <> String.pad_leading(to_string(c), 8))
end
