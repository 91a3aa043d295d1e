with {:ok, a} <- {:error, 1} do
  a
else
  {:error, 2} -> :two
end
