# List's higher-order functions (the first-order ones are natives).

defmodule List do
  def foldl(list, acc, fun) when is_list(list) and is_function(fun, 2), do: Enum.reduce(list, acc, fun)
  def foldr(list, acc, fun) when is_list(list) and is_function(fun, 2), do: Enum.reduce(:lists.reverse(list), acc, fun)

  def update_at(list, index, fun) when is_list(list) and is_integer(index) do
    index = if index < 0, do: length(list) + index, else: index

    if index < 0 do
      list
    else
      update_at_list(list, index, fun, [])
    end
  end

  defp update_at_list([], _index, _fun, acc), do: :lists.reverse(acc)
  defp update_at_list([h | t], 0, fun, acc), do: :lists.reverse(acc, [fun.(h) | t])
  defp update_at_list([h | t], index, fun, acc), do: update_at_list(t, index - 1, fun, [h | acc])
end
