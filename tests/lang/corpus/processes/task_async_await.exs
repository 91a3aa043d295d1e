tasks = Enum.map(1..5, fn i -> Task.async(fn -> i * 10 end) end)
IO.inspect(Enum.map(tasks, &Task.await/1))
IO.inspect(Task.async(fn -> :done end) |> Task.await())
