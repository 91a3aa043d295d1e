defmodule MemoFib do
  def fib(n), do: elem(fib(n, %{0 => 0, 1 => 1}), 0)
  defp fib(n, memo) do
    case memo do
      %{^n => v} -> {v, memo}
      _ ->
        {a, memo} = fib(n - 1, memo)
        {b, memo} = fib(n - 2, memo)
        {a + b, Map.put(memo, n, a + b)}
    end
  end
end
IO.inspect(MemoFib.fib(10))
IO.inspect(MemoFib.fib(100))
IO.inspect(MemoFib.fib(300))
