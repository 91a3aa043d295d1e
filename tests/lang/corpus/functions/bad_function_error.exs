not_a_fun = Enum.at([:atom], 0)
IO.puts("calling")
not_a_fun.(1)
