m = %{b: 1}
m.a
