f = fn a, b -> a + b end
IO.inspect(f.(1, 2))
try do
  f.(1)
rescue
  e in BadArityError -> IO.inspect({:erlang.fun_info(e.function)[:arity], e.args})
end
g = fn -> :none end
try do
  g.(:extra, :args)
rescue
  e in BadArityError -> IO.inspect({:erlang.fun_info(e.function)[:arity], e.args})
end
