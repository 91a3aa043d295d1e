defmodule Line do
  defstruct [:from, :to, label: "a line with a fairly long default label text"]
end
defmodule Main do
  def run do
    IO.inspect(%Line{from: {0, 0}, to: {100, 200}})
    IO.inspect([%Line{from: 1, to: 2}, %Line{from: 3, to: 4, label: "short"}])
    IO.inspect(%{line: %Line{from: :a, to: :b}}, label: "wrapped")
  end
end
Main.run()
