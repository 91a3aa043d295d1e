x = 10
x = x + 1
x = x * 2
IO.inspect(x)
y = x |> div(3) |> rem(4)
IO.inspect(y)
z = (x > 10 && "big") || "small"
IO.inspect(z)
w = if(x > 100, do: "huge", else: "no")
IO.inspect(w)
