results =
  Enum.map([2, 0, 5], fn d ->
    try do
      div(100, d)
    rescue
      ArithmeticError -> :div_by_zero
    end
  end)
IO.inspect(results)
IO.puts("still running")
