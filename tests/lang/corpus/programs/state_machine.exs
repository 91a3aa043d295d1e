defmodule Door do
  def transition(:closed, :open), do: {:ok, :opened}
  def transition(:opened, :close), do: {:ok, :closed}
  def transition(:closed, :lock), do: {:ok, :locked}
  def transition(:locked, :unlock), do: {:ok, :closed}
  def transition(state, event), do: {:error, "cannot #{event} when #{state}"}
end
events = [:open, :close, :lock, :open, :unlock, :open]
Enum.reduce(events, :closed, fn ev, state ->
  case Door.transition(state, ev) do
    {:ok, new} -> IO.puts("#{state} --#{ev}--> #{new}"); new
    {:error, msg} -> IO.puts("error: #{msg}"); state
  end
end)
|> IO.inspect(label: "final")
