# String building: 100,000 interpolations and `<>` into an iolist, then one binary.
# `make bench` reads the RESULT and TIME_US lines (scripts/bench.py, src/bench.rs).
defmodule Bench do
  def run do
    iodata = Enum.reduce(1..100_000, [], fn i, acc -> [acc, "item #{i}" <> ";"] end)
    binary = IO.iodata_to_binary(iodata)
    {byte_size(binary), binary_part(binary, byte_size(binary) - 12, 12)}
  end
end

{us, result} = :timer.tc(&Bench.run/0)
IO.puts("RESULT #{inspect(result)}")
IO.puts("TIME_US #{us}")
