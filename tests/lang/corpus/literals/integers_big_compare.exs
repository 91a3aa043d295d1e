a = 340282366920938463463374607431768211456
b = 340282366920938463463374607431768211455
IO.inspect(a > b)
IO.inspect(max(a, b))
IO.inspect(Enum.sort([a, 1, b, -a]))
IO.inspect(a - b)
IO.inspect(Integer.to_string(a, 16))
IO.inspect(Integer.digits(b) |> length())
IO.inspect(div(a, b))
IO.inspect(a * 0)
