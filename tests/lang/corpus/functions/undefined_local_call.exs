defmodule M do
  def a, do: :a
end
IO.inspect(M.a())
M.b()
