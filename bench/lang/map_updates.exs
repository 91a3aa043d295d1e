# 100,000 map updates over 1,000 keys: Map.put on a growing then steady map.
# `make bench` reads the RESULT and TIME_US lines (scripts/bench.py, src/bench.rs).
defmodule Bench do
  def run do
    map = Enum.reduce(1..100_000, %{}, fn i, acc -> Map.put(acc, rem(i, 1000), i) end)
    {map_size(map), Enum.sum(Map.values(map))}
  end
end

{us, result} = :timer.tc(&Bench.run/0)
IO.puts("RESULT #{inspect(result)}")
IO.puts("TIME_US #{us}")
