ops = [
  fn -> 1 + String.to_atom("a") end,
  fn -> div(10, Enum.count([])) end,
  fn -> rem(1, Enum.count([])) end,
  fn -> 1 / Enum.count([]) end,
  fn -> "a" * 2 end,
  fn -> -String.to_atom("x") end,
  fn -> 1.0e308 * String.to_integer("10") end
]
for op <- ops do
  try do
    op.()
  rescue
    e in ArithmeticError -> IO.puts(Exception.message(e))
  end
end
