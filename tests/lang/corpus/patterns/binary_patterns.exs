<<a, b, c>> = "xyz"
IO.inspect([a, b, c])
<<len::8, data::binary-size(3), tail::binary>> = <<3, "abcdef">>
IO.inspect({len, data, tail})
<<n::16>> = <<1, 2>>
IO.inspect(n)
<<head::binary-size(2), _::binary>> = "hello"
IO.inspect(head)
<<i::integer-signed-8>> = <<255>>
IO.inspect(i)
<<f::float>> = <<64, 9, 33, 251, 84, 68, 45, 24>>
IO.inspect(f)
