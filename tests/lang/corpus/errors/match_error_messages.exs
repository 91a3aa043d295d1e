values = [1, "str", [1, 2], %{a: 1}, {:error, :x}, nil, 1.5]
for v <- values do
  try do
    {:ok, _} = v
  rescue
    e in MatchError -> IO.puts(Exception.message(e))
  end
end
