IO.puts("never printed")
defmodule Broken do
  def f(x) do
    x + 1
end
