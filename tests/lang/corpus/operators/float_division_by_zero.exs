z = Enum.count([])
IO.puts("dividing")
IO.inspect(1 / z)
