res =
  with {:ok, v} <- {:error, :nope} do
    v
  else
    {:error, :other} -> :handled
  end
IO.inspect(res)
