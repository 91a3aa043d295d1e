# Nested access: get_in/put_in/update_in/pop_in (Kernel's delegate here) with plain keys and
# the accessor functions Access.key/key!/at/elem/all/filter. Access.get/2,3 is a native.

defmodule Access do
  def key(key, default \\ nil) do
    fn
      :get, data, next -> next.(Map.get(data, key, default))
      :get_and_update, data, next ->
        value = Map.get(data, key, default)

        case next.(value) do
          {get, update} -> {get, Map.put(data, key, update)}
          :pop -> {value, Map.delete(data, key)}
        end
    end
  end

  def key!(key) do
    fn
      :get, data, next -> next.(Map.fetch!(data, key))
      :get_and_update, data, next ->
        value = Map.fetch!(data, key)

        case next.(value) do
          {get, update} -> {get, Map.put(data, key, update)}
          :pop -> {value, Map.delete(data, key)}
        end
    end
  end

  def elem(index) when is_integer(index) and index >= 0 do
    fn
      :get, data, next -> next.(:erlang.element(index + 1, data))
      :get_and_update, data, next ->
        value = :erlang.element(index + 1, data)

        case next.(value) do
          {get, update} -> {get, :erlang.setelement(index + 1, data, update)}
          :pop -> raise "cannot pop data from a tuple"
        end
    end
  end

  def at(index) when is_integer(index) do
    fn
      :get, data, next -> next.(Enum.at(data, index))
      :get_and_update, data, next ->
        value = Enum.at(data, index)

        case next.(value) do
          {get, update} -> {get, List.replace_at(data, index, update)}
          :pop -> {value, List.delete_at(data, index)}
        end
    end
  end

  def all do
    fn
      :get, data, next -> Enum.map(data, next)
      :get_and_update, data, next ->
        {gets, updates} =
          Enum.reduce(data, {[], []}, fn x, {gets, updates} ->
            case next.(x) do
              {get, update} -> {[get | gets], [update | updates]}
              :pop -> {[x | gets], updates}
            end
          end)

        {:lists.reverse(gets), :lists.reverse(updates)}
    end
  end

  def filter(fun) do
    fn
      :get, data, next -> data |> Enum.filter(fun) |> Enum.map(next)
      :get_and_update, data, next ->
        {gets, updates} =
          Enum.reduce(data, {[], []}, fn x, {gets, updates} ->
            if fun.(x) do
              case next.(x) do
                {get, update} -> {[get | gets], [update | updates]}
                :pop -> {[x | gets], updates}
              end
            else
              {gets, [x | updates]}
            end
          end)

        {:lists.reverse(gets), :lists.reverse(updates)}
    end
  end

  def fetch(data, key) when is_map(data) do
    case Map.fetch(data, key) do
      {:ok, v} -> {:ok, v}
      :error -> :error
    end
  end

  def fetch(data, key) when is_list(data), do: Keyword.fetch(data, key)
  def fetch(nil, _key), do: :error

  def get_and_update(data, key, fun) when is_map(data) do
    value = Map.get(data, key)

    case fun.(value) do
      {get, update} -> {get, Map.put(data, key, update)}
      :pop -> {value, Map.delete(data, key)}
    end
  end

  def get_and_update(data, key, fun) when is_list(data) do
    value = Keyword.get(data, key)

    case fun.(value) do
      {get, update} -> {get, Keyword.put(data, key, update)}
      :pop -> {value, Keyword.delete(data, key)}
    end
  end

  def get_and_update(nil, key, _fun) do
    raise ArgumentError, "could not put/update key #{inspect(key)} on a nil value"
  end

  def pop(data, key) when is_map(data), do: Map.pop(data, key)
  def pop(data, key) when is_list(data), do: Keyword.pop(data, key)
  def pop(nil, _key), do: {nil, nil}

  def get_in(data, [key]) when is_function(key, 3), do: key.(:get, data, fn x -> x end)
  def get_in(data, [key | rest]) when is_function(key, 3), do: key.(:get, data, fn x -> get_in(x, rest) end)
  def get_in(nil, [_ | _]), do: nil
  def get_in(data, [key]), do: Access.get(data, key)
  def get_in(data, [key | rest]), do: get_in(Access.get(data, key), rest)

  def get_and_update_in(data, [key], fun) when is_function(key, 3), do: key.(:get_and_update, data, fun)

  def get_and_update_in(data, [key | rest], fun) when is_function(key, 3) do
    key.(:get_and_update, data, fn x -> get_and_update_in(x, rest, fun) end)
  end

  def get_and_update_in(data, [key], fun), do: get_and_update(data, key, fun)

  def get_and_update_in(data, [key | rest], fun) do
    get_and_update(data, key, fn x -> get_and_update_in(x, rest, fun) end)
  end

  def update_in(data, keys, fun), do: data |> get_and_update_in(keys, fn x -> {nil, fun.(x)} end) |> Kernel.elem(1)
  def put_in(data, keys, value), do: data |> get_and_update_in(keys, fn _ -> {nil, value} end) |> Kernel.elem(1)

  def pop_in(nil, [_ | _]), do: {nil, nil}
  def pop_in(data, [key]) when not is_function(key, 3), do: pop(data, key)

  def pop_in(data, keys) do
    get_and_update_in(data, keys, fn _ -> :pop end)
  end
end
