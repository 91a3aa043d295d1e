result =
  try do
    String.to_integer("not")
  rescue
    ArgumentError -> :bad_input
  end
IO.inspect(result)
IO.inspect(try(do: :x, rescue: (_ -> :y)))
