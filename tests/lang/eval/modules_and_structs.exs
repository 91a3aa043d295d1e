defmodule Shop do
  defmodule Item do
    defstruct [:name, price: 0]
  end

  alias Shop.Item

  @tax 2

  def total(items), do: Enum.reduce(items, 0, fn %Item{price: p}, acc -> acc + p + @tax end)
  def new(name, price \\ 1), do: %Item{name: name, price: price}
  def rename(%Item{} = item, name), do: %{item | name: name}
end

defmodule Main do
  alias Shop.Item, as: I
  import Shop, only: [new: 2]

  def run do
    items = [Shop.new("a"), new("b", 10)]
    IO.puts Shop.total(items)
    IO.inspect Enum.map(items, & &1.name)
    %I{name: n} = Shop.rename(hd(items), "z")
    IO.puts n
    IO.puts __MODULE__
    IO.inspect function_exported?(Shop, :total, 1)
  end
end

Main.run()
