defmodule A do
  def add(a, b), do: a + b
end
A.add(1, :a)
