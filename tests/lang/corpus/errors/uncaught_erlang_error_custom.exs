:erlang.error(:my_reason)
