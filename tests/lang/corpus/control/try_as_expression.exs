v = try do
  :ok
rescue
  _ -> :error
end
IO.inspect(v)
w = try do
  raise "x"
rescue
  _ -> :rescued
end
IO.inspect(w)
