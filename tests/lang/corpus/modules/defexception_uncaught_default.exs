defmodule BoomError do
  defexception message: "boom happened"
end
IO.puts("raising")
raise BoomError
