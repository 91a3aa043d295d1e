rows = [%{id: 1, ok: true}, %{id: 2, ok: false}, %{id: 3}, %{id: 4, ok: true}]
IO.inspect(for %{ok: true, id: id} <- rows, do: id)
IO.inspect(for %{id: id} = r <- rows, not Map.has_key?(r, :ok), do: id)
IO.inspect(Enum.filter(rows, &match?(%{ok: false}, &1)))
