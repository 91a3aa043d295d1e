r = try do
  exit(:shutdown)
catch
  :exit, :shutdown -> :caught_shutdown
end
IO.inspect(r)
r2 = try do
  exit({:error, 1})
catch
  kind, reason -> {kind, reason}
end
IO.inspect(r2)
