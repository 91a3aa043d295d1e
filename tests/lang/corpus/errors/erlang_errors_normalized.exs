errors = [
  fn -> :erlang.error(:badarg) end,
  fn -> :erlang.error({:badkey, :k}) end,
  fn -> :erlang.error(:undef) end,
  fn -> :erlang.error({:case_clause, 1}) end,
  fn -> :erlang.error(:my_custom_reason) end,
  fn -> :erlang.error({:badmap, 1}) end
]
for f <- errors do
  try do
    f.()
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end
