defmodule G do
  defguard is_even(n) when is_integer(n) and rem(n, 2) == 0
  defguard is_positive(n) when is_number(n) and n > 0
  def check(n) when is_even(n) and is_positive(n), do: :even_positive
  def check(n) when is_even(n), do: :even
  def check(_), do: :other
end
IO.inspect(Enum.map([2, -2, 3, 0, 4.0], &G.check/1))
