defmodule Item do
  defstruct [:id]
  def id(%Item{id: id}), do: id
end
IO.inspect(Item.id(struct(Item, id: 5)))
Item.id(%{id: 5})
