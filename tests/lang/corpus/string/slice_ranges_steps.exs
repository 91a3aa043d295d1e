s = "abcdefghij"
IO.inspect(String.slice(s, 2..-2))
IO.inspect(String.slice(s, -3..-1))
IO.inspect(String.slice(s, 5..2))
IO.inspect(String.slice(s, 0..0))
IO.inspect(String.slice(s, 8..20))
IO.inspect(binary_part(s, 1, 3))
IO.inspect(String.slice("", 0, 1))
