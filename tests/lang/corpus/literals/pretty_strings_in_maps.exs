m = %{
  "description" => "This is a long description that will push the map past eighty columns",
  "id" => 123
}
IO.inspect(m)
IO.inspect(Map.put(m, "nested", %{"x" => String.duplicate("y", 70)}))
