defmodule Helpers do
  def double(x), do: x * 2
  def triple(x), do: x * 3
end
defmodule UseImport do
  import Helpers, only: [double: 1]
  import List, only: [first: 1]
  def run do
    IO.inspect(double(21))
    IO.inspect(first([:a, :b]))
  end
end
UseImport.run()
import Enum, only: [sum: 1, map: 2]
IO.inspect(sum(map([1, 2, 3], &(&1 * 10))))
import String, except: [length: 1]
IO.inspect(upcase("imported"))
