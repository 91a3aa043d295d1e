IO.inspect(:erlang.binary_to_term(:erlang.term_to_binary([x: 1])))
:erlang.binary_to_term("not a term")
