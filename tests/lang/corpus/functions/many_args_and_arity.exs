f = fn a, b, c, d, e -> [e, d, c, b, a] end
IO.inspect(f.(1, 2, 3, 4, 5))
IO.inspect(is_function(f, 5))
IO.inspect(is_function(f, 1))
IO.inspect(:erlang.fun_info(f)[:arity])
