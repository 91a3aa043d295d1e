m = Map.new(1..20, fn i -> {:"key_#{i}", i * i} end)
IO.inspect(m)
nested = %{users: [%{name: "alice", roles: [:admin, :dev]}, %{name: "bob", roles: [:ops]}], settings: %{theme: "dark", notifications: true}}
IO.inspect(nested)
IO.inspect(%{short: 1})
IO.inspect(%{"a long key that is long" => "a long value that is long too", "b" => [1, 2, 3]})
