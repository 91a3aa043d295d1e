defmodule Search do
  def bsearch(tuple, target), do: bsearch(tuple, target, 0, tuple_size(tuple) - 1)
  defp bsearch(_t, _x, lo, hi) when lo > hi, do: :not_found
  defp bsearch(t, x, lo, hi) do
    mid = div(lo + hi, 2)
    case elem(t, mid) do
      ^x -> {:found, mid}
      v when v < x -> bsearch(t, x, mid + 1, hi)
      _ -> bsearch(t, x, lo, mid - 1)
    end
  end
end
t = List.to_tuple(Enum.to_list(0..1000//7))
IO.inspect(Search.bsearch(t, 700))
IO.inspect(Search.bsearch(t, 701))
IO.inspect(Search.bsearch({}, 1))
