defmodule Loop do
  def countdown(0), do: IO.puts("liftoff")
  def countdown(n) do
    IO.puts(n)
    countdown(n - 1)
  end
  def while(state, cond_fun, body) do
    if cond_fun.(state), do: while(body.(state), cond_fun, body), else: state
  end
end
Loop.countdown(3)
IO.inspect(Loop.while(1, &(&1 < 1000), &(&1 * 3)))
