defmodule Chain do
  def a(x), do: b(x) + 1
  def b(x), do: c(x) * 2
  def c(x), do: Map.fetch!(x, :value)
end
IO.inspect(Chain.a(%{value: 1}))
Chain.a(%{other: 1})
