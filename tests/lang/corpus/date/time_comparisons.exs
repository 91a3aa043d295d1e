times = [~T[12:00:00], ~T[09:30:00], ~T[18:45:10]]
IO.inspect(Enum.sort(times, Time))
IO.inspect(Enum.max(times, Time))
IO.inspect(Time.diff(~T[18:45:10], ~T[09:30:00]))
IO.inspect(Time.add(~T[23:59:59], 1))
IO.inspect(NaiveDateTime.diff(~N[2024-03-01 00:00:00], ~N[2024-02-01 00:00:00]) |> div(86_400))
IO.inspect(NaiveDateTime.add(~N[2023-12-31 23:59:59], 1))
