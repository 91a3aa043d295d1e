orders = [
  %{customer: "ann", total: 10},
  %{customer: "bob", total: 5},
  %{customer: "ann", total: 7},
  %{customer: "cy", total: 1},
  %{customer: "bob", total: 9}
]
orders
|> Enum.group_by(& &1.customer, & &1.total)
|> Enum.map(fn {c, totals} -> {c, Enum.sum(totals)} end)
|> Enum.sort_by(&elem(&1, 1), :desc)
|> IO.inspect()
