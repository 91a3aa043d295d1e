spawn(fn -> exit(:bye) end)
Process.sleep(10)
IO.puts("main still alive")
