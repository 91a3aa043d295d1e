defmodule Shop.Cart do
  alias Shop.Cart.Item
  defmodule Item do
    defstruct [:name, :price]
    def new(name, price), do: %__MODULE__{name: name, price: price}
  end
  def total(items), do: items |> Enum.map(& &1.price) |> Enum.sum()
  def build, do: [Item.new("pen", 2), Item.new("book", 12)]
end
items = Shop.Cart.build()
IO.inspect(items)
IO.inspect(Shop.Cart.total(items))
