IO.puts("a")
end
