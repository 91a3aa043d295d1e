defmodule Finder do
  def find_first(lists, target) do
    try do
      for list <- lists, x <- list, x == target, do: throw({:found, list})
      :none
    catch
      {:found, list} -> {:in, list}
    end
  end
end
IO.inspect(Finder.find_first([[1, 2], [3, 4], [5]], 4))
IO.inspect(Finder.find_first([[1]], 9))
