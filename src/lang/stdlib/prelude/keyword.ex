# Keyword's higher-order functions (the first-order ones are natives).

defmodule Keyword do
  def update(keywords, key, default, fun) when is_list(keywords) and is_atom(key) do
    case Keyword.fetch(keywords, key) do
      {:ok, _} -> update_first(keywords, key, fun, [])
      :error -> keywords ++ [{key, default}]
    end
  end

  def update!(keywords, key, fun) when is_list(keywords) and is_atom(key) do
    case Keyword.fetch(keywords, key) do
      {:ok, _} -> update_first(keywords, key, fun, [])
      :error -> raise KeyError, key: key, term: keywords
    end
  end

  # The first `key` is updated where it stands; later duplicates go.
  defp update_first([{k, value} | rest], key, fun, acc) when k === key, do: :lists.reverse(acc, [{key, fun.(value)} | Keyword.delete(rest, key)])
  defp update_first([pair | rest], key, fun, acc), do: update_first(rest, key, fun, [pair | acc])

  def get_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) do
    case Keyword.fetch(keywords, key) do
      {:ok, value} -> value
      :error -> fun.()
    end
  end

  def put_new_lazy(keywords, key, fun) when is_list(keywords) and is_atom(key) do
    if Keyword.has_key?(keywords, key), do: keywords, else: [{key, fun.()} | keywords]
  end

  def filter(keywords, fun) when is_list(keywords), do: Enum.filter(keywords, fun)
  def reject(keywords, fun) when is_list(keywords), do: Enum.reject(keywords, fun)

  def merge(left, right, fun) when is_list(left) and is_list(right) do
    Enum.reduce(right, left, fn {k, v2}, acc ->
      case Keyword.fetch(acc, k) do
        {:ok, v1} -> Keyword.put(acc, k, fun.(k, v1, v2))
        :error -> acc ++ [{k, v2}]
      end
    end)
  end

  def new(enumerable, fun), do: enumerable |> Enum.map(fun) |> Keyword.new()
end
