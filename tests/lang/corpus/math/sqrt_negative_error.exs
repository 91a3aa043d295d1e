IO.inspect(:math.sqrt(4))
:math.sqrt(Enum.at([-1], 0))
