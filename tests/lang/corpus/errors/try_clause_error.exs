r =
  try do
    :unexpected_value
  rescue
    _ -> :rescued
  else
    :expected -> :ok
  end
IO.inspect(r)
