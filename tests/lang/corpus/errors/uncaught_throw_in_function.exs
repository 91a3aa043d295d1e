defmodule Thrower do
  def go(n) when n > 2, do: throw({:too_big, n})
  def go(n), do: n
end
Enum.each(1..4, fn i -> IO.inspect(Thrower.go(i)) end)
