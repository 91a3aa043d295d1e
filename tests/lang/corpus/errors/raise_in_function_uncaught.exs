defmodule Worker do
  def run(x) when x > 2, do: raise(ArgumentError, "x too big: #{x}")
  def run(x), do: x
end
Enum.each(1..5, fn i -> IO.inspect(Worker.run(i)) end)
