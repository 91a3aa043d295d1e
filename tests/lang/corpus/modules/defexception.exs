defmodule MyError do
  defexception message: "something went wrong"
end
defmodule ValidationError do
  defexception [:field, :reason]
  @impl true
  def message(%{field: f, reason: r}), do: "invalid #{f}: #{r}"
end
try do
  raise MyError
rescue
  e in MyError -> IO.puts("rescued: " <> Exception.message(e))
end
try do
  raise MyError, message: "custom text"
rescue
  e -> IO.inspect(e)
end
try do
  raise ValidationError, field: :age, reason: "must be positive"
rescue
  e in ValidationError -> IO.puts(Exception.message(e))
end
raise ValidationError, field: :name, reason: "blank"
