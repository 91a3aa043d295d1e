{:ok, x} = {:error, 1}
IO.puts x
