defmodule StrCalc do
  def add(""), do: 0
  def add(s) do
    nums = s |> String.split([",", "\n"]) |> Enum.map(&String.to_integer/1)
    case Enum.filter(nums, &(&1 < 0)) do
      [] -> Enum.sum(nums)
      negs -> raise ArgumentError, "negatives not allowed: #{Enum.join(negs, ", ")}"
    end
  end
end
IO.inspect(StrCalc.add(""))
IO.inspect(StrCalc.add("1,2\n3"))
StrCalc.add("1,-2,-5")
