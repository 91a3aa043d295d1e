IO.puts("start")
[_, _] = Enum.to_list(1..3)
