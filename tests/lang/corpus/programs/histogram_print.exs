data = [3, 7, 1, 5, 9, 2]
max = Enum.max(data)
for level <- max..1//-1 do
  data |> Enum.map_join(" ", fn v -> if v >= level, do: "#", else: "." end) |> IO.puts()
end
IO.puts(Enum.join(data, " "))
