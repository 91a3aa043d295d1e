check = fn n ->
  cond do
    IO.puts("checking #{n} > 10") || n > 10 -> :big
    n > 5 -> :medium
    true -> :small
  end
end
IO.inspect(check.(12))
IO.inspect(check.(7))
