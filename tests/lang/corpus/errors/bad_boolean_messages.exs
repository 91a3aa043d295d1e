for v <- [1, nil, "s"] do
  try do
    if v and true, do: :x
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end
