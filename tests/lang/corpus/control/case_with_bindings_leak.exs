value = {:ok, 5}
doubled = case value do
  {:ok, n} -> n * 2
  _ -> 0
end
IO.inspect(doubled)
IO.inspect(case [] do [] -> :empty; _ -> :full end)
IO.inspect(case 1.0 do 1 -> :int; 1.0 -> :float end)
