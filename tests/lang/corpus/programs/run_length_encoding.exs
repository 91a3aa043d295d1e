defmodule RLE do
  def encode(s) do
    s
    |> String.graphemes()
    |> Enum.chunk_by(& &1)
    |> Enum.map_join(fn [c | _] = run -> "#{length(run)}#{c}" end)
  end
  def decode(s) do
    Regex.scan(~r/(\d+)(\D)/, s)
    |> Enum.map_join(fn [_, n, c] -> String.duplicate(c, String.to_integer(n)) end)
  end
end
e = RLE.encode("WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW")
IO.puts(e)
IO.puts(RLE.decode(e))
IO.inspect(RLE.encode(""))
