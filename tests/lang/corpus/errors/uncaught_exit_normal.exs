IO.puts("before normal exit")
exit(:normal)
