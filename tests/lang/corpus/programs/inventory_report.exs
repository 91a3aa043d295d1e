inventory = [
  %{sku: "A1", name: "widget", qty: 10, price: 2.5},
  %{sku: "B2", name: "gadget", qty: 0, price: 10.0},
  %{sku: "C3", name: "doohickey", qty: 3, price: 7.25}
]
total = inventory |> Enum.map(&(&1.qty * &1.price)) |> Enum.sum()
IO.puts("Total value: #{:erlang.float_to_binary(total, decimals: 2)}")
out_of_stock = for %{qty: 0, name: n} <- inventory, do: n
IO.inspect(out_of_stock, label: "out of stock")
for item <- Enum.sort_by(inventory, & &1.name) do
  IO.puts(String.pad_trailing(item.name, 12) <> String.pad_leading(Integer.to_string(item.qty), 4))
end
