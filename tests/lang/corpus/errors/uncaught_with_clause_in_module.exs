defmodule W do
  def run(x) do
    with {:ok, v} <- x do
      v
    else
      {:error, :known} -> :handled
    end
  end
end
IO.inspect(W.run({:ok, 1}))
IO.inspect(W.run({:error, :known}))
W.run({:error, :unknown})
