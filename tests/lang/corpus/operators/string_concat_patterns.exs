join = fn a, b -> a <> ", " <> b end
IO.inspect(Enum.reduce(~w(a b c), join))
IO.inspect("a" <> "b" <> "c")
IO.inspect(<<"x", "y">> <> "z")
greet = fn "Hi " <> name -> "hello #{name}"; other -> other end
IO.inspect(greet.("Hi Ann"))
IO.inspect(greet.("Yo"))
