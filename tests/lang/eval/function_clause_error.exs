defmodule Foo do
  def bar(a, b) when a > 0, do: b
end
IO.puts "before"
Foo.bar(-1, %{a: [1, 2]})
IO.puts "never"
