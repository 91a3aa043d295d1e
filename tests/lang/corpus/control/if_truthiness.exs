for v <- [nil, false, true, 0, "", [], %{}, :atom, 0.0] do
  IO.puts("#{inspect(v)} is #{if v, do: "truthy", else: "falsy"}")
end
