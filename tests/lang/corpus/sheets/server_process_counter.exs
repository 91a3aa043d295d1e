defmodule ServerProcess do
  def start(callback_module) do
    spawn(fn ->
      initial_state = callback_module.init()
      loop(callback_module, initial_state)
    end)
  end

  defp loop(callback_module, state) do
    receive do
      {request, caller} ->
        {response, new_state} = callback_module.handle_call(request, state)
        send(caller, {:response, response})
        loop(callback_module, new_state)
    end
  end

  def call(pid, request) do
    send(pid, {request, self()})
    receive do
      {:response, response} -> response
    end
  end
end

defmodule Counter do
  def init, do: 0
  def handle_call(:increment, state), do: {:ok, state + 1}
  def handle_call(:get, state), do: {state, state}
end

pid = ServerProcess.start(Counter)
IO.inspect(ServerProcess.call(pid, :increment))
IO.inspect(ServerProcess.call(pid, :increment))
IO.inspect(ServerProcess.call(pid, :get))
