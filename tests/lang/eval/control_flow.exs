x = 3
IO.puts(if x > 2, do: "big", else: "small")
IO.puts(unless x > 2, do: "small", else: "big")
IO.inspect(if false, do: 1)
r = cond do
  x < 0 -> :neg
  x == 0 -> :zero
  true -> :pos
end
IO.inspect r
IO.inspect(nil || :default)
IO.inspect(false && :never)
IO.inspect(true and false)
IO.inspect(not true)
IO.inspect(!nil)
IO.inspect(1 in [1, 2])
IO.inspect(5 in 1..3)
IO.inspect([1, 2, 3] ++ [4])
IO.inspect([1, 2, 3, 2] -- [2])
IO.inspect({div(7, 2), rem(-7, 2), 7 / 2})
IO.inspect({abs(-3), max(1, 2), min(:a, 1), round(2.5), trunc(-2.7)})
IO.inspect({elem({:a, :b}, 1), put_elem({1, 2}, 0, :x), tuple_size({1, 2, 3})})
IO.inspect({length([1, 2]), map_size(%{a: 1}), hd([1, 2]), tl([1, 2])})
IO.puts "#{1}-#{:a}-#{"s"}-#{1.5}"
greet = fn name -> "hi " <> name end
IO.puts greet.("bob")
add = &(&1 + &2)
IO.puts add.(1, 2)
up = &String.upcase/1
IO.inspect is_function(up, 1)
IO.inspect apply(fn a, b -> a * b end, [3, 4])
IO.inspect [1, 2, 3] |> Enum.map(fn x -> x * x end) |> Enum.filter(fn x -> x > 1 end)
IO.inspect Enum.reduce(1..100, 0, fn x, acc -> x + acc end)
send(self(), {:msg, 1})
send(self(), {:other, 2})
receive do
  {:other, n} -> IO.puts "other #{n}"
end
receive do
  {:msg, n} -> IO.puts "msg #{n}"
after
  0 -> IO.puts "none"
end
receive do
  _ -> :never
after
  50 -> IO.puts "timeout"
end
