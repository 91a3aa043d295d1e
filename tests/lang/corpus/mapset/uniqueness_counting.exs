words = ~w(the cat and the hat and the bat)
seen = Enum.reduce(words, MapSet.new(), &MapSet.put(&2, &1))
IO.inspect(seen)
IO.inspect(MapSet.size(seen))
{dups, _} = Enum.reduce(words, {[], MapSet.new()}, fn w, {d, s} ->
  if MapSet.member?(s, w), do: {[w | d], s}, else: {d, MapSet.put(s, w)}
end)
IO.inspect(Enum.reverse(dups))
