for value <- [{:ok, 1}, {:error, :bad}, :other, {:ok, "s"}] do
  msg =
    case value do
      {:ok, n} when is_integer(n) -> "int #{n}"
      {:ok, s} -> "other ok #{inspect(s)}"
      {:error, reason} -> "error #{reason}"
      _ -> "unknown"
    end
  IO.puts(msg)
end
