defmodule Info do
  def a, do: 1
  def b(x), do: x
  defp c, do: 3
  def use_c, do: c()
end
IO.inspect(Info.__info__(:functions))
IO.inspect(Info.use_c())
IO.inspect(Code.ensure_loaded?(Info))
IO.inspect(is_atom(Info))
