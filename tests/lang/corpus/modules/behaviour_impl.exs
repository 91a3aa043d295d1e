defmodule Shape do
  @callback area(term()) :: number()
end
defmodule Square do
  @behaviour Shape
  @impl Shape
  def area(side), do: side * side
end
defmodule Circle do
  @behaviour Shape
  @impl true
  def area(r), do: Float.round(:math.pi() * r * r, 3)
end
IO.inspect(Enum.map([{Square, 3}, {Circle, 1}], fn {m, x} -> m.area(x) end))
