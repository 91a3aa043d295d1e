result =
  with {:ok, a} <- {:ok, 1} do
    {:ok, b} = {:error, a}
    b
  end
IO.inspect(result)
