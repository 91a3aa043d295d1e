# The prelude: library functions written in Elixir, compiled by our own compiler when a
# machine starts. Functions that call back into Elixir code (Enum.map calling a fn that may
# `receive`) live here so that the machine can suspend inside them; first-order work is done
# by natives (Enum.to_list/1, :lists.reverse/1).

defmodule Kernel do
  def raise(message) when is_binary(message), do: :erlang.error(RuntimeError.exception(message))
  def raise(%{__exception__: true} = exception), do: :erlang.error(exception)
  def raise(module) when is_atom(module), do: :erlang.error(module.exception([]))

  def raise(other) do
    :erlang.error(ArgumentError.exception("raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: #{inspect(other)}"))
  end

  def raise(module, attrs) when is_atom(module), do: :erlang.error(module.exception(attrs))
  def reraise(exception, _stacktrace), do: raise(exception)
  def reraise(module, attrs, _stacktrace), do: raise(module, attrs)
end

defmodule RuntimeError do
  defexception message: "runtime error"
end

defmodule ArgumentError do
  defexception message: "argument error"
end

defmodule ArithmeticError do
  defexception message: "bad argument in arithmetic expression"
end

defmodule SystemLimitError do
  defexception message: "a system limit has been reached"
end

defmodule KeyError do
  defexception [:key, :term, :message]
end

defmodule MatchError do
  defexception [:term]
end

defmodule CaseClauseError do
  defexception [:term]
end

defmodule WithClauseError do
  defexception [:term]
end

defmodule TryClauseError do
  defexception [:term]
end

defmodule CondClauseError do
  defexception []
end

defmodule BadMapError do
  defexception [:term]
end

defmodule BadBooleanError do
  defexception [:term, :operator]
end

defmodule BadFunctionError do
  defexception [:term]
end

defmodule BadArityError do
  defexception [:function, :args]
end

defmodule BadStructError do
  defexception [:struct, :term]
end

defmodule FunctionClauseError do
  defexception [:module, :function, :arity, :kind, :args, :clauses]
end

defmodule UndefinedFunctionError do
  defexception [:module, :function, :arity, :reason, :message]
end

defmodule ErlangError do
  defexception [:original, :reason]
end

defmodule Protocol.UndefinedError do
  defexception [:protocol, :value, :description, :message]
end

defmodule Enum.EmptyError do
  defexception message: "empty error"
end

defmodule Enum.OutOfBoundsError do
  defexception message: "out of bounds error"
end

defmodule Enum do
  def map(enumerable, fun), do: map_list(Enum.to_list(enumerable), fun, [])
  defp map_list([h | t], fun, acc), do: map_list(t, fun, [fun.(h) | acc])
  defp map_list([], _fun, acc), do: :lists.reverse(acc)

  def each(enumerable, fun), do: each_list(Enum.to_list(enumerable), fun)

  defp each_list([h | t], fun) do
    fun.(h)
    each_list(t, fun)
  end

  defp each_list([], _fun), do: :ok

  def filter(enumerable, fun), do: filter_list(Enum.to_list(enumerable), fun, [])

  defp filter_list([h | t], fun, acc) do
    if fun.(h), do: filter_list(t, fun, [h | acc]), else: filter_list(t, fun, acc)
  end

  defp filter_list([], _fun, acc), do: :lists.reverse(acc)

  def reject(enumerable, fun), do: filter(enumerable, fn x -> !fun.(x) end)

  def reduce(enumerable, acc, fun), do: reduce_list(Enum.to_list(enumerable), acc, fun)

  def reduce(enumerable, fun) do
    case Enum.to_list(enumerable) do
      [h | t] -> reduce_list(t, h, fun)
      [] -> raise Enum.EmptyError
    end
  end

  defp reduce_list([h | t], acc, fun), do: reduce_list(t, fun.(h, acc), fun)
  defp reduce_list([], acc, _fun), do: acc

  def reduce_while(enumerable, acc, fun), do: reduce_while_list(Enum.to_list(enumerable), acc, fun)

  defp reduce_while_list([h | t], acc, fun) do
    case fun.(h, acc) do
      {:cont, acc} -> reduce_while_list(t, acc, fun)
      {:halt, acc} -> acc
    end
  end

  defp reduce_while_list([], acc, _fun), do: acc

  def map_reduce(enumerable, acc, fun) do
    {items, acc} =
      reduce(enumerable, {[], acc}, fn x, {items, acc} ->
        {item, acc} = fun.(x, acc)
        {[item | items], acc}
      end)

    {:lists.reverse(items), acc}
  end

  def flat_map(enumerable, fun) do
    reduce(enumerable, [], fn x, acc -> :lists.reverse(Enum.to_list(fun.(x)), acc) end)
    |> :lists.reverse()
  end

  def find(enumerable, default \\ nil, fun), do: find_list(Enum.to_list(enumerable), default, fun)
  defp find_list([h | t], default, fun), do: if(fun.(h), do: h, else: find_list(t, default, fun))
  defp find_list([], default, _fun), do: default

  def find_index(enumerable, fun), do: find_index_list(Enum.to_list(enumerable), 0, fun)
  defp find_index_list([h | t], i, fun), do: if(fun.(h), do: i, else: find_index_list(t, i + 1, fun))
  defp find_index_list([], _i, _fun), do: nil

  def find_value(enumerable, default \\ nil, fun), do: find_value_list(Enum.to_list(enumerable), default, fun)

  defp find_value_list([h | t], default, fun) do
    case fun.(h) do
      v when v in [nil, false] -> find_value_list(t, default, fun)
      v -> v
    end
  end

  defp find_value_list([], default, _fun), do: default

  def any?(enumerable, fun), do: find_value(enumerable, false, fn x -> !!fun.(x) end)
  def all?(enumerable, fun), do: !any?(enumerable, fn x -> !fun.(x) end)
  def count(enumerable, fun), do: reduce(enumerable, 0, fn x, n -> if(fun.(x), do: n + 1, else: n) end)

  def sum_by(enumerable, fun), do: reduce(enumerable, 0, fn x, acc -> acc + fun.(x) end)

  def take_while(enumerable, fun), do: take_while_list(Enum.to_list(enumerable), fun, [])
  defp take_while_list([h | t], fun, acc), do: if(fun.(h), do: take_while_list(t, fun, [h | acc]), else: :lists.reverse(acc))
  defp take_while_list([], _fun, acc), do: :lists.reverse(acc)

  def drop_while(enumerable, fun), do: drop_while_list(Enum.to_list(enumerable), fun)
  defp drop_while_list([h | t] = list, fun), do: if(fun.(h), do: drop_while_list(t, fun), else: list)
  defp drop_while_list([], _fun), do: []

  def split_with(enumerable, fun) do
    {yes, no} = reduce(enumerable, {[], []}, fn x, {yes, no} -> if(fun.(x), do: {[x | yes], no}, else: {yes, [x | no]}) end)
    {:lists.reverse(yes), :lists.reverse(no)}
  end

  def group_by(enumerable, key_fun, value_fun \\ fn x -> x end) do
    enumerable
    |> Enum.to_list()
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

  def min_by(enumerable, fun), do: reduce(enumerable, fn x, best -> if(fun.(x) < fun.(best), do: x, else: best) end)
  def max_by(enumerable, fun), do: reduce(enumerable, fn x, best -> if(fun.(x) > fun.(best), do: x, else: best) end)

  def sort_by(enumerable, fun, order \\ :asc) do
    pairs = map(enumerable, fn x -> {fun.(x), x} end)
    sorted = :elixir_rt.sort_pairs(pairs, order)
    map(sorted, fn {_, x} -> x end)
  end

  def map_join(enumerable, joiner \\ "", fun), do: enumerable |> map(fun) |> Enum.join(joiner)

  def into(enumerable, collectable, fun), do: enumerable |> map(fun) |> Enum.into(collectable)

  def with_index(enumerable, fun) when is_function(fun, 2) do
    {list, _} = map_reduce(enumerable, 0, fn x, i -> {fun.(x, i), i + 1} end)
    list
  end

  def with_index(enumerable, offset), do: :elixir_rt.with_index(Enum.to_list(enumerable), offset)

  def zip_with(left, right, fun), do: map(Enum.zip(left, right), fn {a, b} -> fun.(a, b) end)

  def scan(enumerable, acc, fun) do
    {list, _} = map_reduce(enumerable, acc, fn x, acc -> v = fun.(x, acc); {v, v} end)
    list
  end

  def chunk_by(enumerable, fun) do
    enumerable
    |> Enum.to_list()
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
end

defmodule Exception do
  def message(%module{} = exception), do: module.message(exception)
end
