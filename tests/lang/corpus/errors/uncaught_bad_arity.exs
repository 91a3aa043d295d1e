defmodule Caller do
  def call(f), do: f.(1, 2)
end
IO.inspect(Caller.call(fn a, b -> a * b end))
try do
  Caller.call(fn x -> x end)
rescue
  e -> IO.inspect(e.__struct__)
end
