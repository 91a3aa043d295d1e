IO.puts("before")
raise "something bad"
