defmodule Only do
  def positive(n) when n > 0, do: n
end
IO.inspect(Only.positive(3))
Only.positive(-3)
