add = &+/2
IO.inspect(add.(1, 2))
IO.inspect(Enum.reduce([1, 2, 3], &*/2))
IO.inspect(Enum.map([1, 2], &-/1))
IO.inspect(Enum.zip_with([1, 2], [3, 4], &+/2))
IO.inspect(Enum.sort([3, 1, 2], &>=/2))
cat = &<>/2
IO.inspect(cat.("a", "b"))
IO.inspect(Enum.reduce([[1], [2]], &++/2))
