{a, _} = tuple = {1, 2}
IO.inspect({a, tuple})
%{k: v} = map = %{k: :v}
IO.inspect({v, map})
[h | _] = list = [3, 4]
IO.inspect({h, list})
f = fn {:ok, x} = whole -> {x, whole} end
IO.inspect(f.({:ok, 1}))
