defmodule Account do
  defstruct owner: "nobody", balance: 0, history: []
  def deposit(%Account{balance: b, history: h} = acc, amount) do
    %Account{acc | balance: b + amount, history: [{:deposit, amount} | h]}
  end
end
defmodule Main do
  def run do
    acc = %Account{owner: "ann"}
    acc = acc |> Account.deposit(50) |> Account.deposit(25)
    IO.inspect(acc)
    IO.inspect(acc.balance)
    IO.inspect(struct(Account, balance: 7))
    IO.inspect(struct(Account, %{owner: "b", bogus: 1}))
    IO.inspect(Map.keys(%Account{}))
  end
end
Main.run()
