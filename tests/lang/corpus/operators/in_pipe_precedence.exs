IO.inspect(2 in [1, 2] |> Kernel.not())
IO.inspect(1 + 1 |> Kernel.*(10))
IO.puts("now the pipe takes the result of in:")
:a in %{a: 1} |> Map.keys()
