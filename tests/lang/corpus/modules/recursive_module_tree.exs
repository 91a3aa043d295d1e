defmodule Tree do
  def insert(nil, v), do: {nil, v, nil}
  def insert({l, x, r}, v) when v < x, do: {insert(l, v), x, r}
  def insert({l, x, r}, v), do: {l, x, insert(r, v)}
  def to_list(nil), do: []
  def to_list({l, x, r}), do: to_list(l) ++ [x] ++ to_list(r)
  def depth(nil), do: 0
  def depth({l, _, r}), do: 1 + max(depth(l), depth(r))
end
t = Enum.reduce([5, 3, 8, 1, 4, 9, 7], nil, &Tree.insert(&2, &1))
IO.inspect(Tree.to_list(t))
IO.inspect(Tree.depth(t))
IO.inspect(t)
