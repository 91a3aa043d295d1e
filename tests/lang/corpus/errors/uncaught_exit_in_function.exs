defmodule Quitter do
  def run(list), do: Enum.each(list, &check/1)
  defp check(:stop), do: exit({:stopped_at, :stop})
  defp check(x), do: IO.inspect(x)
end
Quitter.run([:a, :b, :stop, :c])
