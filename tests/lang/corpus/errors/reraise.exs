try do
  try do
    raise ArgumentError, "original"
  rescue
    e -> 
      IO.puts("logging: " <> Exception.message(e))
      reraise e, __STACKTRACE__
  end
rescue
  e in ArgumentError -> IO.puts("outer got: " <> e.message)
end
try do
  raise "first"
rescue
  _ -> reraise RuntimeError, [message: "second"], []
end
