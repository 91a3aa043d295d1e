defmodule Temperature.Converter do
  @moduledoc "Converts temperatures"
  @doc "Celsius to Fahrenheit"
  @spec c_to_f(number) :: float
  def c_to_f(c), do: round_to(c * 9 / 5 + 32)
  @doc false
  def f_to_c(f), do: round_to((f - 32) * 5 / 9)
  defp round_to(x), do: Float.round(x / 1, 1)
end
IO.inspect(Temperature.Converter.c_to_f(37))
IO.inspect(Temperature.Converter.f_to_c(98.6))
IO.inspect(Enum.map([-40, 0, 100], &Temperature.Converter.c_to_f/1))
