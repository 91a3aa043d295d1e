IO.inspect(1_)
