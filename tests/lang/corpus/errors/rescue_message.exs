try do
  raise "oops"
rescue
  e -> IO.puts("caught: " <> Exception.message(e))
end
try do
  raise ArgumentError, message: "bad arg"
rescue
  e in ArgumentError -> IO.inspect(e)
end
try do
  raise RuntimeError
rescue
  e -> IO.inspect(Exception.message(e))
end
