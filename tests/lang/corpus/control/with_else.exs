parse_int = fn s ->
  case Integer.parse(s) do
    {n, ""} -> {:ok, n}
    _ -> {:error, {:not_int, s}}
  end
end
divide = fn
  _, 0 -> {:error, :zero}
  a, b -> {:ok, div(a, b)}
end
calc = fn a, b ->
  with {:ok, x} <- parse_int.(a),
       {:ok, y} <- parse_int.(b),
       {:ok, q} <- divide.(x, y) do
    "result #{q}"
  else
    {:error, :zero} -> "division by zero"
    {:error, {:not_int, s}} -> "not a number: #{s}"
  end
end
IO.puts(calc.("10", "3"))
IO.puts(calc.("10", "0"))
IO.puts(calc.("ten", "3"))
IO.puts(calc.("10", "3x"))
