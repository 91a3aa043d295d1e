r = receive do
  :never -> :got
after
  10 -> :timed_out
end
IO.inspect(r)
send(self(), :ping)
IO.inspect(receive do :ping -> :pong after 1000 -> :late end)
