IO.inspect({:reply, {:ok, "a somewhat long string in a reply"}, %{count: 1000, items: [1, 2, 3]}})
IO.inspect({"aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccc", "ddd"})
IO.inspect([{"key one", 1}, {"key two", 2}, {"key three", 3}, {"key four", 4}, {"key five", 5}])
