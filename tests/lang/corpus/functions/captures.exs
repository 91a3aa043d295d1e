up = &String.upcase/1
IO.inspect(up.("abc"))
add = &(&1 + &2)
IO.inspect(add.(3, 4))
IO.inspect(Enum.map([1, 2, 3], &(&1 * &1)))
IO.inspect(Enum.map([{1, 2}, {3, 4}], &elem(&1, 1)))
tuple = &{&1, &2}
IO.inspect(tuple.(:a, :b))
list = &[&1, &1]
IO.inspect(list.(0))
IO.inspect(Enum.map(["a", "b"], &"<#{&1}>"))
len = &length/1
IO.inspect(len.([1, 2]))
IO.inspect(Enum.map([1, 2], &Integer.to_string(&1, 2)))
