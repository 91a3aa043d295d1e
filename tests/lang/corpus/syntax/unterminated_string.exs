IO.puts("start)
IO.puts("never")
