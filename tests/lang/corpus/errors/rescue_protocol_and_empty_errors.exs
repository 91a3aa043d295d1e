tries = [
  fn -> Enum.sum(:x) end,
  fn -> Enum.max([]) end,
  fn -> Enum.fetch!([], 2) end,
  fn -> "#{{1, 2}}" end,
  fn -> Enum.reduce([], &+/2) end
]
for f <- tries do
  try do
    f.()
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end
