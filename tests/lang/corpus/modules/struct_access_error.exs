defmodule S do
  defstruct a: 1
end
defmodule Main do
  def run do
    s = %S{}
    IO.inspect(s.a)
    IO.inspect(Map.get(s, :b))
    s[:a]
  end
end
Main.run()
