defmodule Roman do
  @table [{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
          {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}]
  def to_roman(0), do: ""
  def to_roman(n) do
    {value, letters} = Enum.find(@table, fn {v, _} -> v <= n end)
    letters <> to_roman(n - value)
  end
end
for n <- [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999], do: IO.puts("#{n} = #{Roman.to_roman(n)}")
