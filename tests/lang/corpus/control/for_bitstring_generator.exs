IO.inspect(for <<r::8, g::8, b::8 <- <<255, 0, 0, 0, 255, 0>> >>, do: {r, g, b})
IO.inspect(for <<c::utf8 <- "héllo">>, do: c)
IO.inspect(for <<bit::1 <- <<5::4>> >>, do: bit)
