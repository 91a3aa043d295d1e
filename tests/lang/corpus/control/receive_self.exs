send(self(), {:hello, 1})
send(self(), {:hello, 2})
receive do
  {:hello, n} -> IO.inspect(n, label: "first")
end
receive do
  {:hello, n} -> IO.inspect(n, label: "second")
end
r = receive do
  _ -> :unexpected
after
  0 -> :timeout
end
IO.inspect(r)
