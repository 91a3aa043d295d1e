# Map's and Kernel-adjacent higher-order functions (the first-order ones are natives).

defmodule Map do
  def new(enumerable, fun), do: enumerable |> Enum.map(fun) |> Map.new()

  def update(map, key, default, fun) do
    case Map.fetch(map, key) do
      {:ok, value} -> Map.put(map, key, fun.(value))
      :error -> Map.put(map, key, default)
    end
  end

  def update!(map, key, fun) do
    case Map.fetch(map, key) do
      {:ok, value} -> Map.put(map, key, fun.(value))
      :error -> raise KeyError, key: key, term: map
    end
  end

  def get_lazy(map, key, fun) do
    case Map.fetch(map, key) do
      {:ok, value} -> value
      :error -> fun.()
    end
  end

  def put_new_lazy(map, key, fun) do
    if Map.has_key?(map, key), do: map, else: Map.put(map, key, fun.())
  end

  def pop_lazy(map, key, fun) do
    case Map.fetch(map, key) do
      {:ok, value} -> {value, Map.delete(map, key)}
      :error -> {fun.(), map}
    end
  end

  def get_and_update(map, key, fun) do
    current = Map.get(map, key)

    case fun.(current) do
      {get, update} -> {get, Map.put(map, key, update)}
      :pop -> {current, Map.delete(map, key)}
    end
  end

  def merge(left, right, fun) do
    Enum.reduce(Map.to_list(right), left, fn {k, v2}, acc ->
      case Map.fetch(acc, k) do
        {:ok, v1} -> Map.put(acc, k, fun.(k, v1, v2))
        :error -> Map.put(acc, k, v2)
      end
    end)
  end

  def filter(map, fun) when is_map(map), do: map |> Map.to_list() |> Enum.filter(fun) |> Map.new()
  def reject(map, fun) when is_map(map), do: map |> Map.to_list() |> Enum.reject(fun) |> Map.new()

  def map(map, fun) when is_map(map), do: map |> Map.to_list() |> Enum.map(fn {k, _} = pair -> {k, fun.(pair)} end) |> Map.new()
end
