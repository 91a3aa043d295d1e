result =
  try do
    IO.puts("in try")
    throw(:thrown)
  rescue
    e -> {:rescued, e}
  catch
    value -> {:caught, value}
  after
    IO.puts("after runs")
  end
IO.inspect(result)
r2 =
  try do
    exit(:bye)
  catch
    :exit, reason -> {:exit_caught, reason}
  end
IO.inspect(r2)
r3 =
  try do
    raise "boom"
  catch
    kind, value -> {kind, Exception.message(value)}
  end
IO.inspect(r3)
