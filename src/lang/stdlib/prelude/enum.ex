# Enum's higher-order functions, Enumerable.reduce/3 for lazy streams, and stream-aware
# wrappers of Enum's first-order natives. The natives are also registered as :elixir_enum so
# that the wrappers here can realise a stream first and then call them.

defmodule Enumerable do
  # Elixir's reduce protocol: the reducer answers {:cont, acc} or {:halt, acc}; the result is
  # {:done, acc} or {:halted, acc}. Streams are functions of two arguments that take part in it.
  def reduce(enumerable, acc, reducer) when is_function(enumerable, 2), do: enumerable.(acc, reducer)
  def reduce(list, acc, reducer) when is_list(list), do: reduce_list(list, acc, reducer)
  def reduce(other, acc, reducer), do: reduce_list(:elixir_enum.to_list(other), acc, reducer)

  defp reduce_list(_, {:halt, acc}, _reducer), do: {:halted, acc}
  defp reduce_list([], {:cont, acc}, _reducer), do: {:done, acc}
  defp reduce_list([h | t], {:cont, acc}, reducer), do: reduce_list(t, reducer.(h, acc), reducer)
end

defmodule Enum do
  defp list(list) when is_list(list), do: list

  defp list(stream) when is_function(stream, 2) do
    {:done, acc} = stream.({:cont, []}, fn x, acc -> {:cont, [x | acc]} end)
    :lists.reverse(acc)
  end

  defp list(other), do: :elixir_enum.to_list(other)

  def to_list(enumerable), do: list(enumerable)

  def map(enumerable, fun), do: map_list(list(enumerable), fun, [])
  defp map_list([h | t], fun, acc), do: map_list(t, fun, [fun.(h) | acc])
  defp map_list([], _fun, acc), do: :lists.reverse(acc)

  def map_every(enumerable, nth, fun) when is_integer(nth) and nth >= 0, do: map_every_list(list(enumerable), nth, fun, 0, [])
  defp map_every_list([], _nth, _fun, _i, acc), do: :lists.reverse(acc)
  defp map_every_list([h | t], 0, fun, i, acc), do: map_every_list(t, 0, fun, i, [h | acc])

  defp map_every_list([h | t], nth, fun, i, acc) do
    if rem(i, nth) == 0, do: map_every_list(t, nth, fun, i + 1, [fun.(h) | acc]), else: map_every_list(t, nth, fun, i + 1, [h | acc])
  end

  def each(enumerable, fun) when is_function(enumerable, 2) do
    enumerable.({:cont, nil}, fn x, _ -> fun.(x); {:cont, nil} end)
    :ok
  end

  def each(enumerable, fun), do: each_list(list(enumerable), fun)

  defp each_list([h | t], fun) do
    fun.(h)
    each_list(t, fun)
  end

  defp each_list([], _fun), do: :ok

  def filter(enumerable, fun), do: filter_list(list(enumerable), fun, [])

  defp filter_list([h | t], fun, acc) do
    if fun.(h), do: filter_list(t, fun, [h | acc]), else: filter_list(t, fun, acc)
  end

  defp filter_list([], _fun, acc), do: :lists.reverse(acc)

  def reject(enumerable, fun), do: filter(enumerable, fn x -> !fun.(x) end)

  def reduce(enumerable, acc, fun), do: reduce_list(list(enumerable), acc, fun)

  def reduce(enumerable, fun) do
    case list(enumerable) do
      [h | t] -> reduce_list(t, h, fun)
      [] -> raise Enum.EmptyError
    end
  end

  defp reduce_list([h | t], acc, fun), do: reduce_list(t, fun.(h, acc), fun)
  defp reduce_list([], acc, _fun), do: acc

  def reduce_while(enumerable, acc, fun) do
    {_, acc} = Enumerable.reduce(enumerable, {:cont, acc}, fun)
    acc
  end

  def map_reduce(enumerable, acc, fun) do
    {items, acc} =
      reduce(enumerable, {[], acc}, fn x, {items, acc} ->
        {item, acc} = fun.(x, acc)
        {[item | items], acc}
      end)

    {:lists.reverse(items), acc}
  end

  def flat_map(enumerable, fun) do
    reduce(enumerable, [], fn x, acc -> :lists.reverse(list(fun.(x)), acc) end)
    |> :lists.reverse()
  end

  # Searching stops at the first hit, so it works on infinite streams.
  defp first_truthy(enumerable, default, fun) do
    case Enumerable.reduce(enumerable, {:cont, default}, fn x, acc ->
           case fun.(x) do
             v when v in [nil, false] -> {:cont, acc}
             v -> {:halt, {:found, x, v}}
           end
         end) do
      {:halted, found} -> found
      {:done, _} -> :none
    end
  end

  def find(enumerable, default \\ nil, fun) do
    case first_truthy(enumerable, default, fun) do
      {:found, x, _} -> x
      :none -> default
    end
  end

  def find_value(enumerable, default \\ nil, fun) do
    case first_truthy(enumerable, default, fun) do
      {:found, _, v} -> v
      :none -> default
    end
  end

  def find_index(enumerable, fun) do
    case Enumerable.reduce(enumerable, {:cont, 0}, fn x, i -> if(fun.(x), do: {:halt, {:at, i}}, else: {:cont, i + 1}) end) do
      {:halted, {:at, i}} -> i
      {:done, _} -> nil
    end
  end

  def any?(enumerable), do: any?(enumerable, fn x -> x end)
  def any?(enumerable, fun), do: first_truthy(enumerable, nil, fun) != :none
  def all?(enumerable), do: all?(enumerable, fn x -> x end)
  def all?(enumerable, fun), do: first_truthy(enumerable, nil, fn x -> !fun.(x) end) == :none

  def member?(enumerable, value) when is_function(enumerable, 2), do: any?(enumerable, fn x -> x === value end)
  def member?(enumerable, value), do: :elixir_enum.member?(enumerable, value)

  def count(enumerable, fun), do: reduce(enumerable, 0, fn x, n -> if(fun.(x), do: n + 1, else: n) end)

  def take(enumerable, n) when is_integer(n) and n >= 0 and is_function(enumerable, 2) do
    if n == 0 do
      []
    else
      {_, {acc, _}} =
        enumerable.({:cont, {[], n}}, fn x, {acc, k} ->
          if k > 1, do: {:cont, {[x | acc], k - 1}}, else: {:halt, {[x | acc], 0}}
        end)

      :lists.reverse(acc)
    end
  end

  def take(list, n) when is_list(list) and is_integer(n) and n >= 0, do: :lists.sublist(list, n)

  def take(enumerable, n) when is_integer(n) do
    list = list(enumerable)
    if n >= 0, do: :lists.sublist(list, n), else: :elixir_enum.drop(list, Kernel.max(length(list) + n, 0))
  end

  def take_while(enumerable, fun) do
    {_, acc} = Enumerable.reduce(enumerable, {:cont, []}, fn x, acc -> if(fun.(x), do: {:cont, [x | acc]}, else: {:halt, acc}) end)
    :lists.reverse(acc)
  end

  def drop_while(enumerable, fun), do: drop_while_list(list(enumerable), fun)
  defp drop_while_list([h | t] = list, fun), do: if(fun.(h), do: drop_while_list(t, fun), else: list)
  defp drop_while_list([], _fun), do: []

  def split_while(enumerable, fun) do
    list = list(enumerable)
    taken = take_while(list, fun)
    {taken, :elixir_enum.drop(list, length(taken))}
  end

  def split_with(enumerable, fun) do
    {yes, no} = reduce(enumerable, {[], []}, fn x, {yes, no} -> if(fun.(x), do: {[x | yes], no}, else: {yes, [x | no]}) end)
    {:lists.reverse(yes), :lists.reverse(no)}
  end

  def group_by(enumerable, key_fun, value_fun \\ fn x -> x end) do
    enumerable
    |> list()
    |> :lists.reverse()
    |> reduce(%{}, fn x, acc ->
      key = key_fun.(x)
      Map.put(acc, key, [value_fun.(x) | Map.get(acc, key, [])])
    end)
  end

  def frequencies_by(enumerable, key_fun) do
    reduce(enumerable, %{}, fn x, acc ->
      key = key_fun.(x)
      Map.put(acc, key, Map.get(acc, key, 0) + 1)
    end)
  end

  def uniq_by(enumerable, fun) do
    {list, _} =
      reduce(enumerable, {[], %{}}, fn x, {list, seen} ->
        key = fun.(x)
        if Map.has_key?(seen, key), do: {list, seen}, else: {[x | list], Map.put(seen, key, true)}
      end)

    :lists.reverse(list)
  end

  def dedup_by(enumerable, fun) do
    {list, _} =
      reduce(enumerable, {[], make_ref()}, fn x, {list, last} ->
        key = fun.(x)
        if key === last, do: {list, last}, else: {[x | list], key}
      end)

    :lists.reverse(list)
  end

  def min_by(enumerable, fun, empty_fallback \\ fn -> raise Enum.EmptyError end) do
    case list(enumerable) do
      [] -> empty_fallback.()
      [h | t] -> t |> reduce({h, fun.(h)}, fn x, {best, key} -> k = fun.(x); if(k < key, do: {x, k}, else: {best, key}) end) |> elem(0)
    end
  end

  def max_by(enumerable, fun, empty_fallback \\ fn -> raise Enum.EmptyError end) do
    case list(enumerable) do
      [] -> empty_fallback.()
      [h | t] -> t |> reduce({h, fun.(h)}, fn x, {best, key} -> k = fun.(x); if(k > key, do: {x, k}, else: {best, key}) end) |> elem(0)
    end
  end

  def max(enumerable, sorter) when is_function(sorter, 2), do: max(enumerable, sorter, fn -> raise Enum.EmptyError end)
  def min(enumerable, sorter) when is_function(sorter, 2), do: min(enumerable, sorter, fn -> raise Enum.EmptyError end)

  def max(enumerable, empty_fallback) when is_function(empty_fallback, 0) do
    case list(enumerable) do
      [] -> empty_fallback.()
      list -> :elixir_enum.max(list)
    end
  end

  def min(enumerable, empty_fallback) when is_function(empty_fallback, 0) do
    case list(enumerable) do
      [] -> empty_fallback.()
      list -> :elixir_enum.min(list)
    end
  end

  def sort(enumerable, :asc), do: :elixir_enum.sort(list(enumerable))
  def sort(enumerable, :desc), do: merge_sort(list(enumerable), fn a, b -> a >= b end)
  def sort(enumerable, fun) when is_function(fun, 2), do: merge_sort(list(enumerable), fun)

  # A stable merge sort: `fun.(a, b)` truthy keeps `a` first.
  defp merge_sort([], _fun), do: []
  defp merge_sort([_] = list, _fun), do: list

  defp merge_sort(list, fun) do
    {left, right} = :lists.split(div(length(list), 2), list)
    merge(merge_sort(left, fun), merge_sort(right, fun), fun, [])
  end

  defp merge([], right, _fun, acc), do: :lists.reverse(acc, right)
  defp merge(left, [], _fun, acc), do: :lists.reverse(acc, left)

  defp merge([l | lt] = left, [r | rt] = right, fun, acc) do
    if fun.(l, r), do: merge(lt, right, fun, [l | acc]), else: merge(left, rt, fun, [r | acc])
  end

  def sort_by(enumerable, fun), do: sort_by(enumerable, fun, :asc)

  def sort_by(enumerable, fun, order) when order in [:asc, :desc] do
    pairs = map(enumerable, fn x -> {fun.(x), x} end)
    sorted = :elixir_rt.sort_pairs(pairs, order)
    map(sorted, fn {_, x} -> x end)
  end

  def sort_by(enumerable, fun, sorter) when is_function(sorter, 2) do
    enumerable |> map(fn x -> {fun.(x), x} end) |> merge_sort(fn {a, _}, {b, _} -> sorter.(a, b) end) |> map(fn {_, x} -> x end)
  end

  def map_join(enumerable, joiner \\ "", fun), do: enumerable |> map(fun) |> :elixir_enum.join(joiner)

  def map_intersperse(enumerable, separator, fun), do: enumerable |> map(fun) |> intersperse(separator)

  def intersperse(enumerable, separator) do
    case list(enumerable) do
      [] -> []
      [h | t] -> [h | flat_map(t, fn x -> [separator, x] end)]
    end
  end

  def into(enumerable, collectable, fun), do: enumerable |> map(fun) |> :elixir_enum.into(collectable)

  def with_index(enumerable, fun) when is_function(fun, 2) do
    {list, _} = map_reduce(enumerable, 0, fn x, i -> {fun.(x, i), i + 1} end)
    list
  end

  def with_index(enumerable, offset), do: :elixir_rt.with_index(list(enumerable), offset)
  def with_index(enumerable), do: :elixir_rt.with_index(list(enumerable), 0)

  def zip(left, right) when is_function(right, 2) and not is_function(left, 2) do
    left = list(left)
    :elixir_enum.zip(left, take(right, length(left)))
  end

  def zip(left, right) when is_function(left, 2) and not is_function(right, 2) do
    right = list(right)
    :elixir_enum.zip(take(left, length(right)), right)
  end

  def zip(left, right), do: :elixir_enum.zip(list(left), list(right))

  def zip_with(left, right, fun), do: map(zip(left, right), fn {a, b} -> fun.(a, b) end)

  def scan(enumerable, fun) do
    case list(enumerable) do
      [] -> []
      [h | t] -> [h | scan(t, h, fun)]
    end
  end

  def scan(enumerable, acc, fun) do
    {list, _} = map_reduce(enumerable, acc, fn x, acc -> v = fun.(x, acc); {v, v} end)
    list
  end

  def chunk_by(enumerable, fun) do
    enumerable
    |> list()
    |> reduce([], fn x, acc ->
      key = fun.(x)

      case acc do
        [{^key, items} | rest] -> [{key, [x | items]} | rest]
        _ -> [{key, [x]} | acc]
      end
    end)
    |> :lists.reverse()
    |> map(fn {_, items} -> :lists.reverse(items) end)
  end

  def chunk_while(enumerable, acc, chunk_fun, after_fun) do
    {chunks, acc} =
      reduce(enumerable, {[], acc}, fn x, {chunks, acc} ->
        case chunk_fun.(x, acc) do
          {:cont, chunk, acc} -> {[chunk | chunks], acc}
          {:cont, acc} -> {chunks, acc}
        end
      end)

    case after_fun.(acc) do
      {:cont, _acc} -> :lists.reverse(chunks)
      {:cont, chunk, _acc} -> :lists.reverse([chunk | chunks])
    end
  end

  def flat_map_reduce(enumerable, acc, fun) do
    {lists, acc} = map_reduce(enumerable, acc, fun)
    {:lists.append(map(lists, &list/1)), acc}
  end

  def at(enumerable, index), do: at(enumerable, index, nil)

  def at(enumerable, index, default) when is_function(enumerable, 2) and is_integer(index) and index >= 0 do
    :elixir_enum.at(take(enumerable, index + 1), index, default)
  end

  def at(enumerable, index, default), do: :elixir_enum.at(list(enumerable), index, default)

  def fetch(enumerable, index) when is_function(enumerable, 2) and is_integer(index) and index >= 0 do
    :elixir_enum.fetch(take(enumerable, index + 1), index)
  end

  def fetch(enumerable, index), do: :elixir_enum.fetch(list(enumerable), index)

  def fetch!(enumerable, index) when is_function(enumerable, 2) and is_integer(index) and index >= 0 do
    :elixir_enum.fetch!(take(enumerable, index + 1), index)
  end

  def fetch!(enumerable, index), do: :elixir_enum.fetch!(list(enumerable), index)

  # The first-order natives, on a realised stream.
  def count(e), do: :elixir_enum.count(realize(e))
  def sum(e), do: :elixir_enum.sum(realize(e))
  def product(e), do: :elixir_enum.product(realize(e))
  def max(e), do: :elixir_enum.max(realize(e))
  def min(e), do: :elixir_enum.min(realize(e))
  def min_max(e), do: :elixir_enum.min_max(realize(e))
  def sort(e), do: :elixir_enum.sort(realize(e))
  def reverse(e), do: :elixir_enum.reverse(realize(e))
  def reverse(e, tail), do: :elixir_enum.reverse(realize(e), tail)
  def empty?(e) when is_function(e, 2), do: take(e, 1) == []
  def empty?(e), do: :elixir_enum.empty?(e)
  def uniq(e), do: :elixir_enum.uniq(realize(e))
  def dedup(e), do: :elixir_enum.dedup(realize(e))
  def drop(e, n), do: :elixir_enum.drop(realize(e), n)
  def split(e, n), do: :elixir_enum.split(realize(e), n)
  def slice(e, range), do: :elixir_enum.slice(realize(e), range)
  def slice(e, start, count), do: :elixir_enum.slice(realize(e), start, count)
  def join(e), do: :elixir_enum.join(realize(e))
  def join(e, joiner), do: :elixir_enum.join(realize(e), joiner)
  def zip(enumerables), do: :elixir_enum.zip(map(enumerables, &list/1))
  def unzip(e), do: :elixir_enum.unzip(realize(e))
  def concat(enumerables), do: :elixir_enum.concat(map(enumerables, &list/1))
  def concat(left, right), do: :elixir_enum.concat(realize(left), realize(right))
  def frequencies(e), do: :elixir_enum.frequencies(realize(e))
  def take_every(e, n), do: :elixir_enum.take_every(realize(e), n)
  def chunk_every(e, n), do: :elixir_enum.chunk_every(realize(e), n)
  def chunk_every(e, n, step), do: :elixir_enum.chunk_every(realize(e), n, step)
  def chunk_every(e, n, step, leftover), do: :elixir_enum.chunk_every(realize(e), n, step, leftover)
  def into(e, collectable), do: :elixir_enum.into(realize(e), collectable)

  def count_until(enumerable, limit) when is_integer(limit) and limit > 0 do
    {_, n} = Enumerable.reduce(enumerable, {:cont, 0}, fn _, n -> if(n + 1 >= limit, do: {:halt, n + 1}, else: {:cont, n + 1}) end)
    n
  end

  def count_until(enumerable, fun, limit) when is_integer(limit) and limit > 0 do
    {_, n} =
      Enumerable.reduce(enumerable, {:cont, 0}, fn x, n ->
        n = if fun.(x), do: n + 1, else: n
        if n >= limit, do: {:halt, n}, else: {:cont, n}
      end)

    n
  end

  def min_max_by(enumerable, fun, empty_fallback \\ fn -> raise Enum.EmptyError end) do
    case list(enumerable) do
      [] -> empty_fallback.()
      list -> {min_by(list, fun), max_by(list, fun)}
    end
  end

  def zip_reduce(left, right, acc, fun) do
    reduce(zip(left, right), acc, fn {a, b}, acc -> fun.(a, b, acc) end)
  end

  def zip_reduce(enumerables, acc, fun) do
    reduce(zip(enumerables), acc, fn tuple, acc -> fun.(Tuple.to_list(tuple), acc) end)
  end

  def max(enumerable, sorter, empty_fallback) when is_function(sorter, 2) and is_function(empty_fallback, 0) do
    case list(enumerable) do
      [] -> empty_fallback.()
      [h | t] -> reduce(t, h, fn x, best -> if(sorter.(best, x), do: best, else: x) end)
    end
  end

  def min(enumerable, sorter, empty_fallback) when is_function(sorter, 2) and is_function(empty_fallback, 0) do
    case list(enumerable) do
      [] -> empty_fallback.()
      [h | t] -> reduce(t, h, fn x, best -> if(sorter.(best, x), do: best, else: x) end)
    end
  end

  defp realize(e) when is_function(e, 2), do: list(e)
  defp realize(e), do: e
end
