x = 1
^x = 1
IO.puts("pinned ok")
list = [1, 2]
case [1, 2] do
  ^list -> IO.puts("same list")
  _ -> IO.puts("different")
end
y = 5
f = fn
  ^y -> :five
  other -> {:other, other}
end
IO.inspect(f.(5))
IO.inspect(f.(6))
{^x, z} = {1, :z}
IO.inspect(z)
^x = 2
