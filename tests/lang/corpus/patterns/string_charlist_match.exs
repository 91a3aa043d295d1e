'ab' ++ rest = 'abcd'
IO.inspect(rest)
[?h | tail] = 'hello'
IO.inspect(tail)
<<first::binary-size(1)>> <> _ = "xy"
IO.inspect(first)
"" <> all = "whole"
IO.inspect(all)
