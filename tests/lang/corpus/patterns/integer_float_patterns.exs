f = fn
  0 -> :int_zero
  0.0 -> :float_zero
  1.5 -> :one_and_half
  n when is_integer(n) -> :int
  _ -> :other
end
IO.inspect(Enum.map([0, 0.0, 1.5, 7, 2.5], f))
case 1 do
  1.0 -> IO.puts("float pattern")
  1 -> IO.puts("int pattern")
end
