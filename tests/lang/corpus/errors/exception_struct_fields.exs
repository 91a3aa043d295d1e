try do
  Map.fetch!(Map.new(a: 1), :b)
rescue
  e in KeyError ->
    IO.inspect(e.key)
    IO.inspect(e.term)
    IO.inspect(Map.keys(e) |> Enum.sort())
end
try do
  {:ok, _} = :error
rescue
  e in MatchError -> IO.inspect(e.term)
end
try do
  raise ArgumentError, "x"
rescue
  e -> IO.inspect(e.__exception__)
end
