r = try do
  Enum.each(1..10, fn i -> if i == 4, do: throw({:found, i}) end)
  :not_found
catch
  {:found, i} -> i
end
IO.inspect(r)
r2 = catch_it = try do throw(:x) catch :x -> :got_x end
IO.inspect({r2, catch_it})
r3 = try do
  throw(:other)
catch
  :throw, v -> {:throw_kind, v}
end
IO.inspect(r3)
