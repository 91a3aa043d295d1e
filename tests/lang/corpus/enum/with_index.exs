IO.inspect(Enum.with_index([:a, :b, :c]))
IO.inspect(Enum.with_index([:a, :b], 1))
IO.inspect(Enum.with_index(~w(x y), fn el, i -> "#{i}-#{el}" end))
for {v, i} <- Enum.with_index(["zero", "one"]), do: IO.puts("#{i}: #{v}")
