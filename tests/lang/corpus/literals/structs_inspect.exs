defmodule Point do
  defstruct x: 0, y: 0
end

defmodule User do
  defstruct [:name, age: 0, tags: []]
end

defmodule Main do
  def run do
    IO.inspect(%Point{})
    IO.inspect(%Point{x: 1, y: 2})
    IO.inspect(%User{name: "Ann"})
    IO.inspect(%User{name: "Bo", tags: [:admin]})
    p = %Point{x: 3}
    IO.inspect(p.x)
    IO.inspect(%{p | y: 9})
    IO.inspect(is_map(p))
    IO.inspect(p.__struct__)
    IO.inspect(Map.from_struct(p))
    IO.inspect(%{__struct__: Point, x: 5, y: 6})
  end
end

Main.run()
