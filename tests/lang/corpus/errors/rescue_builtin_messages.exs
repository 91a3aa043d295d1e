attempts = [
  fn -> 1 = Enum.count([1, 2]) end,
  fn -> Map.fetch!(%{a: 1}, :b) end,
  fn -> Enum.at([], 0) |> elem(0) end,
  fn -> String.to_integer("abc") end,
  fn -> hd(Enum.to_list([])) end,
  fn -> List.to_tuple(:not_a_list) end,
  fn -> Integer.parse(nil) end,
  fn -> :erlang.binary_to_atom(123, :utf8) end,
  fn -> Keyword.fetch!([a: 1], :z) end,
  fn -> String.to_existing_atom("surely_not_an_existing_atom_xyz") end
]
for f <- attempts do
  try do
    f.()
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end
