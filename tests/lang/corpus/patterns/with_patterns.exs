fetch = fn
  :a -> {:ok, 1}
  :b -> {:ok, 2}
  _ -> {:error, :not_found}
end
r1 = with {:ok, x} <- fetch.(:a), {:ok, y} <- fetch.(:b), do: x + y
IO.inspect(r1)
r2 = with {:ok, x} <- fetch.(:a), {:ok, y} <- fetch.(:c), do: x + y
IO.inspect(r2)
r3 =
  with {:ok, x} <- fetch.(:z) do
    x
  else
    {:error, reason} -> {:failed, reason}
  end
IO.inspect(r3)
