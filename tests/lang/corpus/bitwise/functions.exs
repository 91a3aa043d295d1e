import Bitwise
flags = 0b0000
flags = flags ||| 0b0100
flags = flags ||| 0b0001
IO.inspect(flags)
IO.inspect((flags &&& 0b0100) != 0)
IO.inspect((flags &&& 0b0010) != 0)
IO.inspect(Integer.to_string(flags, 2))
IO.inspect(bnot(0))
IO.inspect(bxor(0xFF, 0x0F) |> Integer.to_string(16))
IO.inspect(1 <<< 64)
IO.inspect((1 <<< 64) >>> 63)
IO.inspect(Enum.map(0..7, &(1 <<< &1)))
