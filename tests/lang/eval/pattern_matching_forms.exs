[a, b | rest] = [1, 2, 3, 4]
IO.inspect {a, b, rest}
{:ok, %{name: name, tags: [first | _]}} = {:ok, %{name: "x", tags: [:t1, :t2], other: 1}}
IO.inspect {name, first}
x = 5
^x = 5
case 6 do
  ^x -> IO.puts "same"
  other -> IO.puts "other #{other}"
end
"user:" <> id = "user:42"
IO.puts id
{same, same} = {3, 3}
IO.puts same
[_, _ | _] = [1, 2]
kw = [a: 1, b: 2]
[a: one, b: two] = kw
IO.puts one + two
%{"k" => v} = %{"k" => :v}
IO.inspect v
list = [1, 2.0, :a, "s", {1}, %{}, [1]]
IO.inspect Enum.map(list, fn
  i when is_integer(i) -> :int
  f when is_float(f) -> :float
  a when is_atom(a) -> :atom
  s when is_binary(s) -> :string
  t when is_tuple(t) -> :tuple
  m when is_map(m) -> :map
  l when is_list(l) -> :list
end)
f = fn
  {:a, n} -> n
  _ -> :none
end
IO.inspect {f.({:a, 1}), f.(:b)}
IO.inspect(1 == 1.0)
IO.inspect(1 === 1.0)
IO.inspect(1 < :a)
IO.inspect([1, 2] < [1, 3])
IO.inspect({1, 2} > [1])
x = 1
x = x + 1
IO.puts x
if true do
  x = 100
  IO.puts x
end
IO.puts x
