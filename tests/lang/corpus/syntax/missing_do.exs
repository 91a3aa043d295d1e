if true
  IO.puts("x")
end
