tries = [
  fn -> Map.fetch!(%{a: 1}, :b) end,
  fn -> Keyword.fetch!([a: 1], :b) end,
  fn -> %{a: 1}.b end,
  fn -> Map.update!(%{}, :k, & &1) end,
  fn -> Access.fetch!(%{}, :k) end
]
for f <- tries do
  try do
    f.()
  rescue
    e in KeyError -> IO.puts(Exception.message(e))
  end
end
