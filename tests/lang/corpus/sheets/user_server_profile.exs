defmodule UserServer do
  use GenServer
  def start_link(user_id), do: GenServer.start_link(__MODULE__, user_id)
  def get_profile(pid), do: GenServer.call(pid, :get_profile)
  def update_profile(pid, updates), do: GenServer.cast(pid, {:update, updates})

  @impl GenServer
  def init(user_id) do
    IO.puts("Starting UserServer for user #{user_id}")
    {:ok, %{user_id: user_id, name: "User#{user_id}", email: nil}}
  end

  @impl GenServer
  def handle_call(:get_profile, _from, state), do: {:reply, state, state}

  @impl GenServer
  def handle_cast({:update, updates}, state), do: {:noreply, Map.merge(state, updates)}
end

{:ok, pid} = UserServer.start_link(1)
UserServer.update_profile(pid, %{email: "user1@example.com"})
IO.inspect(UserServer.get_profile(pid))
