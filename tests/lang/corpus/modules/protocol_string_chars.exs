defmodule Money do
  defstruct [:cents]
end
defimpl String.Chars, for: Money do
  def to_string(%Money{cents: c}), do: "$#{div(c, 100)}.#{String.pad_leading(Integer.to_string(rem(c, 100)), 2, "0")}"
end
defmodule Main do
  def run do
    m = %Money{cents: 1205}
    IO.puts(m)
    IO.puts("total: #{m}")
    IO.inspect(m)
  end
end
Main.run()
