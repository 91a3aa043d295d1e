defmodule Registry2 do
  Module.register_attribute(__MODULE__, :items, accumulate: true)
  @items :one
  @items :two
  @items :three
  def items, do: @items
end
IO.inspect(Registry2.items())
