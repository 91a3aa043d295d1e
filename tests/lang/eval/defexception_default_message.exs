defmodule Oops do
  defexception message: "oops happened"
end
try do
  raise Oops
rescue
  e -> IO.puts(e.message)
end
raise Oops, "custom text"
