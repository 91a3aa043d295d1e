results = [{:ok, 1}, {:error, "bad"}, {:ok, 2}, {:error, "worse"}]
oks = for {:ok, v} <- results, do: v
errors = for {:error, e} <- results, do: e
IO.inspect({oks, errors})
{successes, failures} = Enum.split_with(results, &match?({:ok, _}, &1))
IO.inspect(length(successes))
IO.inspect(failures)
IO.inspect(Enum.all?(results, &is_tuple/1))
IO.inspect(match?({:ok, n} when n > 1, {:ok, 2}))
