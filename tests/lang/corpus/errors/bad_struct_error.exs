defmodule Pt do
  defstruct x: 0
  def set_x(p, x), do: %Pt{p | x: x}
end
IO.inspect(Pt.set_x(struct(Pt), 5))
Pt.set_x(%{x: 1}, 2)
