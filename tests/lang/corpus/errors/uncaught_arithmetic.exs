x = Enum.at([:atom], 0)
IO.inspect(:started)
x + 1
