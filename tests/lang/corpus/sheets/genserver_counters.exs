defmodule UnregisteredCounter do
  use GenServer
  def start_link, do: GenServer.start_link(__MODULE__, 0)
  def increment(pid), do: GenServer.call(pid, :increment)
  @impl GenServer
  def init(initial), do: {:ok, initial}
  @impl GenServer
  def handle_call(:increment, _from, count), do: {:reply, count + 1, count + 1}
end

defmodule RegisteredCounter do
  use GenServer
  def start_link, do: GenServer.start_link(__MODULE__, 0, name: __MODULE__)
  def increment, do: GenServer.call(__MODULE__, :increment)
  @impl GenServer
  def init(initial), do: {:ok, initial}
  @impl GenServer
  def handle_call(:increment, _from, count), do: {:reply, count + 1, count + 1}
end

{:ok, pid} = UnregisteredCounter.start_link()
IO.inspect(UnregisteredCounter.increment(pid))
IO.inspect(UnregisteredCounter.increment(pid))
{:ok, _} = RegisteredCounter.start_link()
IO.inspect(RegisteredCounter.increment())
IO.inspect(Process.whereis(RegisteredCounter) |> is_pid())
