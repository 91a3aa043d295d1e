defmodule Parity do
  def even?(0), do: true
  def even?(n), do: odd?(n - 1)
  def odd?(0), do: false
  def odd?(n), do: even?(n - 1)
end
IO.inspect(Parity.even?(10))
IO.inspect(Parity.odd?(7))
IO.inspect(Parity.even?(100_001))
