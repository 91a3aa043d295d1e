defmodule Calc do
  @ops %{add: &Kernel.+/2, mul: &Kernel.*/2}
  def run(op, a, b), do: Map.fetch!(@ops, op).(a, b)
  def ops, do: Map.keys(@ops)
end
IO.inspect(Calc.ops())
IO.inspect(Calc.run(:add, 2, 3))
IO.inspect(Calc.run(:mul, 2, 3))
Calc.run(:sub, 1, 1)
