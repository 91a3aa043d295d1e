defmodule A do
  def first(l), do: hd(l)
end
A.first([])
