r = [1, 2, 3] |> then(fn l -> Enum.sum(l) * 2 end)
IO.inspect(r)
t = %{a: 1} |> tap(fn m -> IO.puts("saw #{map_size(m)}") end)
IO.inspect(t)
