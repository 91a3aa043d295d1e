defmodule Sign do
  def of(n) do
    cond do
      n > 0 -> :positive
      n < 0 -> :negative
    end
  end
end
IO.inspect(Sign.of(5))
IO.inspect(Sign.of(-5))
Sign.of(0)
