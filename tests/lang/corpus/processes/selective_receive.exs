send(self(), {:b, 2})
send(self(), {:a, 1})
send(self(), {:c, 3})
a = receive do {:a, v} -> v end
c = receive do {:c, v} -> v end
b = receive do {:b, v} -> v end
IO.inspect({a, b, c})
IO.inspect(Process.info(self(), :message_queue_len))
