# Lazy streams as Elixir makes them: functions of two arguments that take part in
# Enumerable.reduce/3, so every Enum function consumes them and nothing is computed before
# it is asked for (`Stream.iterate(1, &(&1 * 2)) |> Enum.take(5)`).

defmodule Stream do
  def map(enumerable, fun) do
    fn acc, reducer -> Enumerable.reduce(enumerable, acc, fn x, a -> reducer.(fun.(x), a) end) end
  end

  def filter(enumerable, fun) do
    fn acc, reducer ->
      Enumerable.reduce(enumerable, acc, fn x, a -> if fun.(x), do: reducer.(x, a), else: {:cont, a} end)
    end
  end

  def reject(enumerable, fun), do: filter(enumerable, fn x -> !fun.(x) end)

  def each(enumerable, fun) do
    fn acc, reducer -> Enumerable.reduce(enumerable, acc, fn x, a -> fun.(x); reducer.(x, a) end) end
  end

  def flat_map(enumerable, fun) do
    fn acc, reducer ->
      Enumerable.reduce(enumerable, acc, fn x, a ->
        case Enumerable.reduce(fun.(x), {:cont, a}, reducer) do
          {:done, a} -> {:cont, a}
          {:halted, a} -> {:halt, a}
        end
      end)
    end
  end

  def concat(enumerables), do: flat_map(enumerables, fn e -> e end)
  def concat(first, second), do: flat_map([first, second], fn e -> e end)

  def take(_enumerable, 0), do: fn {:cont, acc}, _reducer -> {:done, acc} end

  def take(enumerable, n) when is_integer(n) and n > 0 do
    fn {:cont, acc}, reducer ->
      result =
        Enumerable.reduce(enumerable, {:cont, {acc, n}}, fn x, {a, k} ->
          case reducer.(x, a) do
            {:cont, a} when k > 1 -> {:cont, {a, k - 1}}
            {:cont, a} -> {:halt, {a, 0}}
            {:halt, a} -> {:halt, {a, k}}
          end
        end)

      case result do
        {:done, {a, _}} -> {:done, a}
        {:halted, {a, 0}} -> {:done, a}
        {:halted, {a, _}} -> {:halted, a}
      end
    end
  end

  def take(enumerable, n) when is_integer(n), do: fn acc, reducer -> Enumerable.reduce(Enum.take(enumerable, n), acc, reducer) end

  def take_while(enumerable, fun) do
    fn {:cont, acc}, reducer ->
      result =
        Enumerable.reduce(enumerable, {:cont, {acc, :going}}, fn x, {a, _} ->
          if fun.(x) do
            case reducer.(x, a) do
              {:cont, a} -> {:cont, {a, :going}}
              {:halt, a} -> {:halt, {a, :consumer}}
            end
          else
            {:halt, {a, :stopped}}
          end
        end)

      case result do
        {:done, {a, _}} -> {:done, a}
        {:halted, {a, :stopped}} -> {:done, a}
        {:halted, {a, _}} -> {:halted, a}
      end
    end
  end

  def drop(enumerable, n) when is_integer(n) and n >= 0 do
    fn {:cont, acc}, reducer ->
      {kind, {a, _}} =
        Enumerable.reduce(enumerable, {:cont, {acc, n}}, fn
          _x, {a, k} when k > 0 -> {:cont, {a, k - 1}}
          x, {a, 0} ->
            case reducer.(x, a) do
              {:cont, a} -> {:cont, {a, 0}}
              {:halt, a} -> {:halt, {a, 0}}
            end
        end)

      {kind, a}
    end
  end

  def drop_while(enumerable, fun) do
    fn {:cont, acc}, reducer ->
      {kind, {a, _}} =
        Enumerable.reduce(enumerable, {:cont, {acc, true}}, fn x, {a, dropping} ->
          if dropping and fun.(x) do
            {:cont, {a, true}}
          else
            case reducer.(x, a) do
              {:cont, a} -> {:cont, {a, false}}
              {:halt, a} -> {:halt, {a, false}}
            end
          end
        end)

      {kind, a}
    end
  end

  def with_index(enumerable, offset \\ 0) do
    fn {:cont, acc}, reducer ->
      {kind, {a, _}} =
        Enumerable.reduce(enumerable, {:cont, {acc, offset}}, fn x, {a, i} ->
          case reducer.({x, i}, a) do
            {:cont, a} -> {:cont, {a, i + 1}}
            {:halt, a} -> {:halt, {a, i + 1}}
          end
        end)

      {kind, a}
    end
  end

  def uniq(enumerable) do
    fn {:cont, acc}, reducer ->
      {kind, {a, _}} =
        Enumerable.reduce(enumerable, {:cont, {acc, %{}}}, fn x, {a, seen} ->
          if Map.has_key?(seen, x) do
            {:cont, {a, seen}}
          else
            case reducer.(x, a) do
              {:cont, a} -> {:cont, {a, Map.put(seen, x, true)}}
              {:halt, a} -> {:halt, {a, seen}}
            end
          end
        end)

      {kind, a}
    end
  end

  def iterate(start, fun), do: fn {:cont, acc}, reducer -> iterate_loop(start, fun, acc, reducer) end

  defp iterate_loop(x, fun, acc, reducer) do
    case reducer.(x, acc) do
      {:cont, acc} -> iterate_loop(fun.(x), fun, acc, reducer)
      {:halt, acc} -> {:halted, acc}
    end
  end

  def unfold(state, fun), do: fn {:cont, acc}, reducer -> unfold_loop(state, fun, acc, reducer) end

  defp unfold_loop(state, fun, acc, reducer) do
    case fun.(state) do
      nil ->
        {:done, acc}

      {x, next} ->
        case reducer.(x, acc) do
          {:cont, acc} -> unfold_loop(next, fun, acc, reducer)
          {:halt, acc} -> {:halted, acc}
        end
    end
  end

  def repeatedly(fun), do: fn {:cont, acc}, reducer -> repeatedly_loop(fun, acc, reducer) end

  defp repeatedly_loop(fun, acc, reducer) do
    case reducer.(fun.(), acc) do
      {:cont, acc} -> repeatedly_loop(fun, acc, reducer)
      {:halt, acc} -> {:halted, acc}
    end
  end

  def cycle(enumerable) do
    fn {:cont, acc}, reducer ->
      case Enum.to_list(enumerable) do
        [] -> {:done, acc}
        list -> cycle_loop(list, list, acc, reducer)
      end
    end
  end

  defp cycle_loop([], all, acc, reducer), do: cycle_loop(all, all, acc, reducer)

  defp cycle_loop([h | t], all, acc, reducer) do
    case reducer.(h, acc) do
      {:cont, acc} -> cycle_loop(t, all, acc, reducer)
      {:halt, acc} -> {:halted, acc}
    end
  end

  def run(stream) do
    Enumerable.reduce(stream, {:cont, nil}, fn _, _ -> {:cont, nil} end)
    :ok
  end
end
