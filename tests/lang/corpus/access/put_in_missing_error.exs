m = %{a: %{}}
IO.inspect(put_in(m, [:a, :b], 1))
put_in(m, [:x, :y], 1)
