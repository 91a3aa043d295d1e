defmodule Kind do
  def of(x) when is_integer(x) and x >= 0, do: :natural
  def of(x) when is_integer(x), do: :negative
  def of(x) when is_float(x), do: :float
  def of(x) when is_binary(x) and byte_size(x) == 0, do: :empty_string
  def of(x) when is_binary(x), do: :string
  def of(x) when is_list(x) or is_tuple(x), do: :collection
  def of(%{}), do: :map
  def of(_), do: :unknown
end
IO.inspect(Enum.map([1, -1, 1.0, "", "s", [], {}, %{}, :x], &Kind.of/1))
