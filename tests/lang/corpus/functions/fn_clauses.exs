f = fn
  {:ok, v} -> "ok #{v}"
  {:error, e} -> "error #{e}"
  other -> "other #{inspect(other)}"
end
IO.puts(f.({:ok, 1}))
IO.puts(f.({:error, "x"}))
IO.puts(f.(:what))
g = fn a, b -> a * b end
IO.inspect(g.(6, 7))
h = fn -> :no_args end
IO.inspect(h.())
IO.inspect((fn x -> x + 1 end).(1))
