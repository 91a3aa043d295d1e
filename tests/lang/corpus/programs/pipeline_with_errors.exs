defmodule Pipeline do
  def run(input) do
    with {:ok, n} <- parse(input),
         {:ok, n} <- positive(n),
         {:ok, r} <- sqrt(n) do
      {:ok, r}
    end
  end
  defp parse(s) do
    case Integer.parse(s) do
      {n, ""} -> {:ok, n}
      _ -> {:error, :not_a_number}
    end
  end
  defp positive(n) when n > 0, do: {:ok, n}
  defp positive(_), do: {:error, :not_positive}
  defp sqrt(n), do: {:ok, :math.sqrt(n)}
end
for input <- ["16", "abc", "-4", "2"], do: IO.inspect(Pipeline.run(input), label: input)
