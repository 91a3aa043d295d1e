IO.inspect(Enum.into([{:a, 1}], %{}))
Enum.into([1, 2], %{})
