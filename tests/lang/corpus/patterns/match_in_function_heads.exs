defmodule Shapes do
  def area({:square, s}), do: s * s
  def area({:rect, w, h}), do: w * h
  def area({:circle, r}), do: Float.round(3.14159 * r * r, 2)
  def describe(%{kind: kind, sides: n}) when n > 4, do: "#{kind} with many sides"
  def describe(%{kind: kind}), do: "just a #{kind}"
end
IO.inspect(Shapes.area({:square, 3}))
IO.inspect(Shapes.area({:rect, 2, 5}))
IO.inspect(Shapes.area({:circle, 2}))
IO.puts(Shapes.describe(%{kind: "hexagon", sides: 6}))
IO.puts(Shapes.describe(%{kind: "triangle", sides: 3}))
