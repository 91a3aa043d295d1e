:erlang.error({:some, "data", 1})
