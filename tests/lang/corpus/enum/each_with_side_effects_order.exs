Enum.each([3, 1, 2], fn x -> IO.puts("item #{x}") end)
Enum.map([1, 2], fn x -> IO.puts("mapping #{x}"); x end) |> IO.inspect()
