defmodule Box do
  defstruct [:w, :h]
  def grow(box), do: %Box{box | depth: 1}
end
IO.puts("defined")
