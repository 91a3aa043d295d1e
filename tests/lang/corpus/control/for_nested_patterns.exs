users = [%{name: "a", langs: ["ex", "rs"]}, %{name: "b", langs: []}, %{name: "c", langs: ["go"]}]
IO.inspect(for %{name: n, langs: ls} <- users, l <- ls, do: "#{n}:#{l}")
IO.inspect(for {k, [_ | _] = v} <- [x: [1], y: [], z: [2, 3]], do: {k, length(v)})
IO.inspect(for <<a::4, b::4 <- <<0x12, 0x34>> >>, do: {a, b})
