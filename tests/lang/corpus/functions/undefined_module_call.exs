IO.puts("about to call")
NoSuchModule.hello(1, 2)
