1..3
|> Stream.map(fn x -> IO.puts("map #{x}"); x * 2 end)
|> Stream.filter(fn x -> IO.puts("filter #{x}"); x > 2 end)
|> Enum.to_list()
|> IO.inspect()
s = Stream.map([1, 2], fn x -> IO.puts("never printed #{x}"); x end)
IO.puts("stream built, not run")
IO.inspect(Enum.take(s, 1))
