defmodule Pt do
  defstruct x: 0, y: 0
end
defmodule Main do
  def run do
    p = %Pt{x: 1, y: 2}
    IO.inspect(Map.get(p, :x))
    IO.inspect(Map.put(p, :x, 10))
    IO.inspect(Map.keys(p))
    IO.inspect(Map.to_list(p))
    IO.inspect(Map.delete(p, :__struct__))
    IO.inspect(Map.merge(p, %{y: 5}))
  end
end
Main.run()
