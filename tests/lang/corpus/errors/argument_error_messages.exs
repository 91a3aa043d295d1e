tries = [
  fn -> String.duplicate("a", -1) end,
  fn -> Enum.take(:x, 1) end,
  fn -> List.first(:x) end,
  fn -> String.to_integer("1.5") end,
  fn -> Integer.to_string(1.5) end,
  fn -> :erlang.list_to_atom(:x) end,
  fn -> elem({}, 0) end,
  fn -> Enum.chunk_every([1], 0) end
]
for f <- tries do
  try do
    f.()
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end
