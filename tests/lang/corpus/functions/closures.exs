make_counter = fn start -> fn step -> start + step end end
c = make_counter.(10)
IO.inspect(c.(1))
IO.inspect(c.(5))
adders = for i <- 1..3, do: fn x -> x + i end
IO.inspect(Enum.map(adders, & &1.(100)))
x = 1
capture_x = fn -> x end
x = 2
IO.inspect({capture_x.(), x})
compose = fn f, g -> fn v -> g.(f.(v)) end end
inc_then_double = compose.(&(&1 + 1), &(&1 * 2))
IO.inspect(inc_then_double.(5))
