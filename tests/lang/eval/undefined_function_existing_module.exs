defmodule Foo do
  def a, do: 1
  defp hidden, do: 2
end
Foo.hidden()
