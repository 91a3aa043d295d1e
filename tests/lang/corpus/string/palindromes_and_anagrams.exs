normalize = fn s -> s |> String.downcase() |> String.replace(~r/[^a-z]/, "") end
pal? = fn s -> n = normalize.(s); n == String.reverse(n) end
IO.inspect(Enum.map(["A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw"], pal?))
key = fn w -> w |> String.downcase() |> String.graphemes() |> Enum.sort() |> Enum.join() end
~w(listen silent enlist google elgoog inlets banana)
|> Enum.group_by(key)
|> Map.values()
|> Enum.filter(&(length(&1) > 1))
|> Enum.sort()
|> IO.inspect()
