r = try do
  :erlang.error(:oops)
catch
  :error, reason -> {:error_kind, reason}
end
IO.inspect(r)
r2 = try do
  raise "e"
catch
  :error, %RuntimeError{message: m} -> {:runtime, m}
end
IO.inspect(r2)
