m = %{z: 26, a: 1, m: 13}
Enum.each(m, fn {k, v} -> IO.puts("#{k} -> #{v}") end)
IO.inspect(for {k, _} <- m, do: k)
IO.inspect(Enum.to_list(m))
IO.inspect(Map.to_list(%{"b" => 1, "a" => 2, 1 => 3, :c => 4}))
