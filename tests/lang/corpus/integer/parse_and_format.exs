IO.inspect(Integer.parse("42 apples"))
IO.inspect(Integer.parse("-7"))
IO.inspect(Integer.parse("+7"))
IO.inspect(Integer.parse(""))
IO.inspect(Integer.parse("1_000"))
IO.inspect(Integer.to_string(1_000_000) |> String.length())
format = fn n -> n |> Integer.to_string() |> String.reverse() |> String.graphemes() |> Enum.chunk_every(3) |> Enum.map_join(",", &Enum.join/1) |> String.reverse() end
IO.inspect(Enum.map([1, 1000, 1234567, 100], format))
