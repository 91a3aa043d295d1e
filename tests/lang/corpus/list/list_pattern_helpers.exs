defmodule LP do
  def second([_, x | _]), do: {:ok, x}
  def second(_), do: :error
  def ends([]), do: nil
  def ends([x]), do: {x, x}
  def ends([h | t]), do: {h, List.last(t)}
end
IO.inspect(Enum.map([[1, 2, 3], [1], []], &LP.second/1))
IO.inspect(Enum.map([[], [1], [1, 2, 3]], &LP.ends/1))
