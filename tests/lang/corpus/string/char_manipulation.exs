caesar = fn s, k ->
  for <<c <- s>>, into: "" do
    cond do
      c in ?a..?z -> <<rem(c - ?a + k, 26) + ?a>>
      c in ?A..?Z -> <<rem(c - ?A + k, 26) + ?A>>
      true -> <<c>>
    end
  end
end
IO.puts(caesar.("Hello, World!", 3))
IO.puts(caesar.(caesar.("Round Trip", 13), 13))
IO.inspect(String.to_charlist("abc") |> Enum.map(&(&1 - ?a)))
