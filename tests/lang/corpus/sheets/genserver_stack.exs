defmodule Stack do
  use GenServer

  def start_link(initial_stack \\ []) do
    GenServer.start_link(__MODULE__, initial_stack, name: __MODULE__)
  end

  def push(item), do: GenServer.cast(__MODULE__, {:push, item})
  def pop, do: GenServer.call(__MODULE__, :pop)
  def peek, do: GenServer.call(__MODULE__, :peek)

  @impl GenServer
  def init(initial_stack), do: {:ok, initial_stack}

  @impl GenServer
  def handle_cast({:push, item}, stack), do: {:noreply, [item | stack]}

  @impl GenServer
  def handle_call(:pop, _from, []), do: {:reply, {:error, :empty}, []}
  def handle_call(:pop, _from, [head | tail]), do: {:reply, {:ok, head}, tail}
  def handle_call(:peek, _from, []), do: {:reply, {:error, :empty}, []}
  def handle_call(:peek, _from, [head | _] = stack), do: {:reply, {:ok, head}, stack}
end

{:ok, _pid} = Stack.start_link()
Stack.push(1)
Stack.push(2)
Stack.push(3)
IO.inspect(Stack.peek())
IO.inspect(Stack.pop())
IO.inspect(Stack.pop())
IO.inspect(Stack.peek())
IO.inspect(Stack.pop())
IO.inspect(Stack.pop())
