m = %{a: %{b: %{c: 1}}}
IO.inspect(m[:a][:b][:c])
IO.inspect(m[:x][:y])
IO.inspect(get_in(m, [:a, :b]))
IO.inspect(put_in(m, [:a, :b, :d], 2))
IO.inspect(update_in(m, [:a, :b, :c], &(&1 + 100)))
kw = [db: [host: "localhost", port: 5432]]
IO.inspect(kw[:db][:port])
IO.inspect(put_in(kw, [:db, :port], 6543))
IO.inspect(update_in(kw[:db][:host], &String.upcase/1))
