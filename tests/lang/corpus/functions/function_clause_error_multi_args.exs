defmodule Pair do
  def add({a, b}, :sum), do: a + b
  def add({a, b}, :diff), do: a - b
end
IO.inspect(Pair.add({5, 3}, :diff))
Pair.add([5, 3], :product)
