IO.puts("tuple:")
IO.puts({:a, :b})
