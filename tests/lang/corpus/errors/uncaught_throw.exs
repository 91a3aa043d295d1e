IO.puts("throwing")
throw({:my_value, [1, 2]})
