defmodule F do
  def only_ints(x) when is_integer(x), do: x
end
try do
  F.only_ints(:a)
rescue
  e in FunctionClauseError ->
    IO.inspect({e.module, e.function, e.arity})
    IO.puts(Exception.message(e))
end
