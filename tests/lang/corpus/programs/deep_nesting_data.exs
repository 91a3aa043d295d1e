tree = %{value: 1, children: [%{value: 2, children: [%{value: 4, children: []}]}, %{value: 3, children: []}]}
defmodule T do
  def sum(%{value: v, children: cs}), do: v + Enum.sum(Enum.map(cs, &sum/1))
  def depth(%{children: []}), do: 1
  def depth(%{children: cs}), do: 1 + Enum.max(Enum.map(cs, &depth/1))
  def flatten(%{value: v, children: cs}), do: [v | Enum.flat_map(cs, &flatten/1)]
end
IO.inspect(T.sum(tree))
IO.inspect(T.depth(tree))
IO.inspect(T.flatten(tree))
IO.inspect(tree)
