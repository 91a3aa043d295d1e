defmodule L do
  def pairs([a, b | rest]), do: [{a, b} | pairs(rest)]
  def pairs([_]), do: []
  def pairs([]), do: []
  def last([x]), do: x
  def last([_ | t]), do: last(t)
end
IO.inspect(L.pairs([1, 2, 3, 4, 5]))
IO.inspect(L.last([:a, :b, :c]))
IO.inspect(L.pairs([]))
