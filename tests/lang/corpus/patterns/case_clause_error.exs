x = String.to_atom("unexpected")
case x do
  :a -> IO.puts("a")
  :b -> IO.puts("b")
end
