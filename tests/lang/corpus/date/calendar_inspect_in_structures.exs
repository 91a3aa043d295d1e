events = [%{name: "launch", on: ~D[2024-03-01]}, %{name: "review", on: ~D[2024-02-15]}]
IO.inspect(Enum.sort_by(events, & &1.on, Date))
IO.inspect({~D[2024-01-01], ~T[00:00:00], ~N[2024-01-01 00:00:00]})
IO.inspect(%{date: ~D[1970-01-01]})
IO.puts("on #{~D[2024-07-04]} at #{~T[12:30:00]}")
IO.inspect(Date.diff(~D[2024-03-01], ~D[2023-03-01]))
IO.inspect(Date.diff(~D[2023-03-01], ~D[2022-03-01]))
