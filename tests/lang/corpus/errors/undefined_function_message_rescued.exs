try do
  apply(String, :nope, [1])
rescue
  e in UndefinedFunctionError ->
    IO.inspect({e.module, e.function, e.arity})
    IO.puts(Exception.message(e))
end
try do
  apply(NotAModuleAtAll, :f, [])
rescue
  e -> IO.puts(Exception.message(e))
end
