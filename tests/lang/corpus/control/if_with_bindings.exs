x = 10
result = if x > 5, do: (y = x * 2; y + 1), else: 0
IO.inspect(result)
msg = if rem(x, 2) == 0 do
  "even"
end
IO.inspect(msg)
z = if false, do: :never
IO.inspect(z)
