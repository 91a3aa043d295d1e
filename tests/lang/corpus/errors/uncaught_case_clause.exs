case Enum.count([1, 2, 3]) do
  0 -> :none
  1 -> :one
end
