defmodule KeyValue do
  def start, do: spawn(fn -> loop(%{}) end)
  def put(pid, k, v), do: send(pid, {:put, k, v})
  def get(pid, k) do
    send(pid, {:get, k, self()})
    receive do
      {:value, v} -> v
    end
  end
  defp loop(state) do
    receive do
      {:put, k, v} -> loop(Map.put(state, k, v))
      {:get, k, caller} ->
        send(caller, {:value, Map.get(state, k)})
        loop(state)
    end
  end
end
pid = KeyValue.start()
KeyValue.put(pid, :a, 1)
KeyValue.put(pid, :b, [2, 3])
IO.inspect(KeyValue.get(pid, :a))
IO.inspect(KeyValue.get(pid, :b))
IO.inspect(KeyValue.get(pid, :missing))
