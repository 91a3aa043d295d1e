defmodule Stack do
  defstruct items: []
  def new, do: %Stack{}
  def push(%Stack{items: i} = s, x), do: %Stack{s | items: [x | i]}
  def pop(%Stack{items: [x | rest]} = s), do: {x, %Stack{s | items: rest}}
  def pop(%Stack{items: []}), do: {nil, %Stack{}}
end
s = Stack.new() |> Stack.push(1) |> Stack.push(2)
{top, s} = Stack.pop(s)
IO.inspect(top)
IO.inspect(s)
{nothing, _} = Stack.pop(Stack.new())
IO.inspect(nothing)
