result =
  [3, 1, 2]
  |> Enum.sort()
  |> Enum.map(&(&1 * 10))
  |> Enum.sum()
IO.inspect(result)
"hello world" |> String.split() |> Enum.map(&String.capitalize/1) |> Enum.join(" ") |> IO.puts()
IO.inspect(5 |> Kernel.-(3))
IO.inspect(1..3 |> Enum.to_list() |> length)
x = 4 |> (fn n -> n * n end).()
IO.inspect(x)
:ok |> IO.inspect(label: "piped")
IO.inspect([1, 2] |> Enum.reverse() |> hd)
