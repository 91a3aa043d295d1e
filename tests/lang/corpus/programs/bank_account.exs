defmodule Bank do
  def new(balance), do: %{balance: balance, log: []}
  def apply_op(acc, {:deposit, n}) when n > 0, do: {:ok, %{acc | balance: acc.balance + n, log: [{:deposit, n} | acc.log]}}
  def apply_op(acc, {:withdraw, n}) when n <= acc.balance, do: {:ok, %{acc | balance: acc.balance - n, log: [{:withdraw, n} | acc.log]}}
  def apply_op(_acc, op), do: {:error, {:rejected, op}}
end
ops = [{:deposit, 100}, {:withdraw, 30}, {:withdraw, 500}, {:deposit, -5}, {:deposit, 7}]
{acc, errors} =
  Enum.reduce(ops, {Bank.new(0), []}, fn op, {acc, errs} ->
    case Bank.apply_op(acc, op) do
      {:ok, acc} -> {acc, errs}
      {:error, e} -> {acc, [e | errs]}
    end
  end)
IO.inspect(acc.balance)
IO.inspect(Enum.reverse(acc.log))
IO.inspect(Enum.reverse(errors))
