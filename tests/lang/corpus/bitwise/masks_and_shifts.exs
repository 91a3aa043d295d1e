import Bitwise
perms = %{read: 4, write: 2, exec: 1}
mode = perms.read ||| perms.write
IO.inspect(mode)
IO.inspect(for {name, bit} <- perms, (mode &&& bit) != 0, do: name)
IO.inspect(Integer.to_string(0b1011 <<< 2, 2))
IO.inspect(bsr(-1, 10))
IO.inspect(band(-1, 0xFF))
IO.inspect(bxor(5, 5))
popcount = fn n -> Integer.digits(n, 2) |> Enum.sum() end
IO.inspect(Enum.map([0, 1, 255, 1023], popcount))
