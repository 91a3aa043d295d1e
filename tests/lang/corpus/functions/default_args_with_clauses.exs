defmodule Paginate do
  def page(list, opts \\ [])
  def page([], _opts), do: :empty
  def page(list, opts) do
    size = Keyword.get(opts, :size, 2)
    Enum.chunk_every(list, size)
  end
end
IO.inspect(Paginate.page([]))
IO.inspect(Paginate.page([1, 2, 3]))
IO.inspect(Paginate.page([1, 2, 3, 4, 5], size: 3))
