start = ~D[2024-01-29]
for i <- 0..4, do: IO.puts(Date.add(start, i * 7) |> Date.to_string())
IO.inspect(Enum.map(1..12, fn m -> Date.days_in_month(Date.new!(2023, m, 1)) end))
IO.inspect(Date.diff(~D[2000-01-01], ~D[1970-01-01]))
IO.inspect(Date.compare(~D[2024-01-01], ~D[2023-12-31]))
IO.inspect(Date.day_of_week(~D[2000-01-01]))
