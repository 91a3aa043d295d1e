# MapSet's higher-order functions (the rest are natives on %MapSet{map: %{member => []}}).

defmodule MapSet do
  def new(enumerable, fun), do: enumerable |> Enum.map(fun) |> MapSet.new()
  def filter(set, fun), do: set |> MapSet.to_list() |> Enum.filter(fun) |> MapSet.new()
  def reject(set, fun), do: set |> MapSet.to_list() |> Enum.reject(fun) |> MapSet.new()
end
