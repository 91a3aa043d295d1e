defmodule Temp do
  def describe(c) when c < 0, do: "freezing"
  def describe(c) when c < 15, do: "cold"
  def describe(c) when c < 25, do: "mild"
  def describe(_), do: "hot"
  def convert(c, :f), do: c * 9 / 5 + 32
  def convert(c, :k), do: c + 273.15
end
for t <- [-5, 10, 20, 30], do: IO.puts("#{t}: #{Temp.describe(t)}")
IO.inspect(Temp.convert(100, :f))
IO.inspect(Temp.convert(0, :k))
