x = 1
if true do
  x = 2
  IO.inspect(x)
end
IO.inspect(x)
y = case :a do
  :a -> 10
end
IO.inspect(y)
f = fn -> x * 100 end
x = 3
IO.inspect(f.())
IO.inspect(x)
