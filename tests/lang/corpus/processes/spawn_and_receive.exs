parent = self()
for i <- 1..3 do
  spawn(fn -> send(parent, {:result, i, i * i}) end)
end
results = for _ <- 1..3 do
  receive do
    {:result, i, sq} -> {i, sq}
  end
end
IO.inspect(Enum.sort(results))
