parent = self()
spawn(fn -> Process.sleep(60); send(parent, :slow) end)
spawn(fn -> Process.sleep(10); send(parent, :fast) end)
first = receive do m -> m end
second = receive do m -> m end
IO.inspect([first, second])
