%{name: name} = %{name: "Ann", age: 30}
IO.inspect(name)
%{"key" => v} = %{"key" => :val, "other" => 1}
IO.inspect(v)
%{a: %{b: %{c: c}}} = %{a: %{b: %{c: 42}}}
IO.inspect(c)
%{} = %{any: :map}
IO.puts("empty map pattern matches any map")
m = %{x: 1}
%{x: ^m} = %{x: m}
IO.puts("pinned map")
key = :x
%{^key => value} = m
IO.inspect(value)
