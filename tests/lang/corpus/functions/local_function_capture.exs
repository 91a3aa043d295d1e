defmodule Math2 do
  def double(x), do: x * 2
  def run(list), do: Enum.map(list, &double/1)
  def run_private(list), do: Enum.map(list, &triple/1)
  defp triple(x), do: x * 3
end
IO.inspect(Math2.run([1, 2]))
IO.inspect(Math2.run_private([1, 2]))
f = &Math2.double/1
IO.inspect(f.(21))
