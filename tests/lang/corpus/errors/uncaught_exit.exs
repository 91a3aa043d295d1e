IO.puts("exiting")
exit({:shutdown, :because})
