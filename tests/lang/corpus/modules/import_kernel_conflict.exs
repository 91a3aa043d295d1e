defmodule MyList do
  def max([h | t]), do: Enum.reduce(t, h, &Kernel.max/2)
end
IO.inspect(MyList.max([3, 7, 2]))
IO.inspect(Kernel.max(1, 2))
IO.inspect(Kernel.length([1]))
