defmodule Greeter do
  def hello(name \\ "world", punct \\ "!"), do: "hello #{name}#{punct}"
  def join(a, b \\ ", ", c), do: a <> b <> c
end
IO.puts(Greeter.hello())
IO.puts(Greeter.hello("Ann"))
IO.puts(Greeter.hello("Ann", "?"))
IO.puts(Greeter.join("a", "b"))
IO.puts(Greeter.join("a", " - ", "b"))
IO.inspect(function_exported?(Greeter, :hello, 0))
IO.inspect(function_exported?(Greeter, :hello, 3))
