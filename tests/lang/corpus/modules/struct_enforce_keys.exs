defmodule Order do
  @enforce_keys [:id]
  defstruct [:id, items: []]
end
defmodule Main do
  def run do
    IO.inspect(%Order{id: 1})
    IO.inspect(struct!(Order, id: 2, items: [:x]))
    struct!(Order, items: [])
  end
end
Main.run()
