multiplier = fn n -> &(&1 * n) end
times3 = multiplier.(3)
IO.inspect(Enum.map(1..4, times3))
curry = fn f -> fn a -> fn b -> f.(a, b) end end end
IO.inspect(curry.(&Kernel.-/2).(10).(4))
memo = Enum.map(1..3, fn i -> {i, fn -> i * i end} end)
IO.inspect(for {i, f} <- memo, do: {i, f.()})
