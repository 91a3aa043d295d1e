defmodule Secret do
  def public(x), do: helper(x) + 1
  defp helper(x), do: x * 10
end
IO.inspect(Secret.public(4))
IO.inspect(function_exported?(Secret, :helper, 1))
Secret.helper(4)
