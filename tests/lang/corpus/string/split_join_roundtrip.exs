csv = "name,age,city\nann,30,paris\nbob,25,rome"
[header | rows] = String.split(csv, "\n")
keys = header |> String.split(",") |> Enum.map(&String.to_atom/1)
records = Enum.map(rows, fn r -> Enum.zip(keys, String.split(r, ",")) |> Map.new() end)
IO.inspect(records)
IO.puts(Enum.map_join(records, "\n", fn r -> Enum.map_join(keys, ",", &r[&1]) end))
