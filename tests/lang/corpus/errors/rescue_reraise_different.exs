try do
  try do
    Map.fetch!(Map.new(), :x)
  rescue
    e in KeyError -> raise ArgumentError, "wrapped: " <> Exception.message(e)
  end
rescue
  e -> IO.puts(Exception.message(e))
end
