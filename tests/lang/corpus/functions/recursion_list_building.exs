defmodule Build do
  def range(a, b) when a > b, do: []
  def range(a, b), do: [a | range(a + 1, b)]
  def zip([], _), do: []
  def zip(_, []), do: []
  def zip([a | as], [b | bs]), do: [{a, b} | zip(as, bs)]
  def interleave([], ys), do: ys
  def interleave([x | xs], ys), do: [x | interleave(ys, xs)]
end
IO.inspect(Build.range(1, 10))
IO.inspect(Build.zip([1, 2, 3], [:a, :b]))
IO.inspect(Build.interleave([1, 3, 5], [2, 4, 6, 8, 10]))
