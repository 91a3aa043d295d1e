defmodule Builder do
  def build(n), do: Enum.reduce(1..n, "", fn i, acc -> acc <> Integer.to_string(i) end)
  def build_iolist(n), do: Enum.map(1..n, &Integer.to_string/1) |> IO.iodata_to_binary()
end
IO.inspect(Builder.build(15))
IO.inspect(Builder.build(1000) |> byte_size())
IO.inspect(Builder.build(200) == Builder.build_iolist(200))
