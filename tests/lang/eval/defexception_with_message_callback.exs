defmodule MyError do
  defexception [:value]
  def message(e), do: "my error with #{inspect(e.value)}"
end
try do
  raise MyError, value: 42
rescue
  e in MyError -> IO.puts "rescued: " <> Exception.message(e)
end
raise MyError, value: :again
