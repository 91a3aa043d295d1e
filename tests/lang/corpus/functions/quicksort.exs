defmodule Sort do
  def quick([]), do: []
  def quick([pivot | rest]) do
    {smaller, larger} = Enum.split_with(rest, &(&1 < pivot))
    quick(smaller) ++ [pivot] ++ quick(larger)
  end
  def merge_sort([]), do: []
  def merge_sort([x]), do: [x]
  def merge_sort(list) do
    {l, r} = Enum.split(list, div(length(list), 2))
    merge(merge_sort(l), merge_sort(r))
  end
  defp merge([], r), do: r
  defp merge(l, []), do: l
  defp merge([a | l], [b | _] = r) when a <= b, do: [a | merge(l, r)]
  defp merge(l, [b | r]), do: [b | merge(l, r)]
end
data = [5, 3, 8, 1, 9, 2, 7, 3]
IO.inspect(Sort.quick(data))
IO.inspect(Sort.merge_sort(data))
IO.inspect(Sort.quick(~w(pear apple fig)))
