n = 1
cond do
  n > 5 -> :big
end
