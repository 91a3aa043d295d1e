IO.inspect(for x <- [1, 2, 1, 3, 2], uniq: true, do: x)
IO.inspect(for x <- [1, 2, 3, 4], uniq: true, do: rem(x, 2))
IO.inspect(for x <- ~w(a B b A), uniq: true, do: String.downcase(x))
