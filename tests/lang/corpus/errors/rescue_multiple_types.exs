check = fn f ->
  try do
    f.()
  rescue
    e in [ArgumentError, ArithmeticError] -> {:arg_or_arith, Exception.message(e)}
    e in KeyError -> {:key, e.key}
    MatchError -> :match
    _ -> :other
  end
end
IO.inspect(check.(fn -> raise ArgumentError, "a" end))
IO.inspect(check.(fn -> 1 / Enum.count([]) end))
IO.inspect(check.(fn -> Map.fetch!(Map.new(), :k) end))
IO.inspect(check.(fn -> {_} = {1, 2} end))
IO.inspect(check.(fn -> raise "plain" end))
IO.inspect(check.(fn -> :fine end))
