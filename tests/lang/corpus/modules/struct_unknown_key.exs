defmodule P do
  defstruct [:x]
end
defmodule Main do
  def update(p), do: %{p | y: 1}
  def run do
    p = %P{x: 1}
    IO.inspect(%{p | x: 2})
    try do
      update(p)
    rescue
      e in KeyError -> IO.puts(Exception.message(e))
    end
    IO.puts("struct! with unknown key:")
    struct!(P, y: 1)
  end
end
Main.run()
