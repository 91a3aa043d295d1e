r = try do
  Map.get(%{}, :a) + 1
rescue
  e in [ArithmeticError, KeyError] -> {:arith_or_key, Exception.message(e)}
end
IO.inspect r
try do
  m = %{b: 1}
  m.a
rescue
  e in KeyError -> IO.inspect({e.key, e.term})
end
try do
  {:ok, _} = :error
rescue
  MatchError -> IO.puts "match error"
end
try do
  :erlang.error(:badarg)
rescue
  e -> IO.puts Exception.message(e)
end
x = try do
  throw 5
catch
  v -> v * 2
end
IO.puts x
try do
  exit(:bye)
catch
  :exit, reason -> IO.inspect reason
end
try do
  IO.puts "body"
after
  IO.puts "after"
end
try do
  try do
    raise "inner"
  after
    IO.puts "cleanup"
  end
rescue
  e -> IO.puts "outer got " <> e.message
end
y = try do
  1
rescue
  _ -> 2
else
  1 -> :one
end
IO.inspect y
try do
  raise "first"
rescue
  e -> reraise e, __STACKTRACE__
end
