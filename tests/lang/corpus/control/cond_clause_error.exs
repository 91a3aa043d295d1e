x = String.length("abc")
cond do
  x > 10 -> IO.puts("long")
  x < 0 -> IO.puts("negative")
end
