m = %{a: 1}
IO.inspect(Map.get_lazy(m, :b, fn -> :computed end))
IO.inspect(Map.get_lazy(m, :a, fn -> :computed end))
case Map.fetch(m, :a) do
  {:ok, v} -> IO.inspect(v, label: "found")
  :error -> IO.puts("missing")
end
IO.inspect(Map.filter(m, fn {k, _} -> k == :z end))
