m = %{a: 1, b: 2}
m2 = %{m | a: 100}
IO.inspect(m2)
%{a: a1} = m
%{a: a2} = m2
IO.inspect({a1, a2})
m3 = Map.put(m, :c, 3)
IO.inspect(m3)
IO.inspect(%{m3 | c: :new})
IO.inspect(%{m | missing: 1})
