m = %{a: 1}
IO.inspect(Map.fetch!(m, :a))
IO.inspect(Map.get(m, "a"))
%{m | b: 2}
