f = fn
  {x, _} when x > 10 -> :big_first
  {_, y} when y > 10 -> :big_second
  {x, y} when x == y -> :equal
  _ -> :other
end
IO.inspect(Enum.map([{11, 0}, {0, 11}, {11, 11}, {3, 3}, {1, 2}], f))
