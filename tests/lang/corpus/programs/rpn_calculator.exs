defmodule RPN do
  def eval(expr) do
    expr
    |> String.split()
    |> Enum.reduce([], fn
      "+", [b, a | s] -> [a + b | s]
      "-", [b, a | s] -> [a - b | s]
      "*", [b, a | s] -> [a * b | s]
      "/", [b, a | s] -> [div(a, b) | s]
      n, s -> [String.to_integer(n) | s]
    end)
    |> hd()
  end
end
IO.inspect(RPN.eval("3 4 + 2 *"))
IO.inspect(RPN.eval("5 1 2 + 4 * + 3 -"))
IO.inspect(RPN.eval("2 3 4 * 5 6 * + -"))
