defmodule Enc do
  def encode(nil), do: "null"
  def encode(b) when is_boolean(b), do: to_string(b)
  def encode(n) when is_number(n), do: to_string(n)
  def encode(s) when is_binary(s), do: "\"" <> String.replace(s, "\"", "\\\"") <> "\""
  def encode(a) when is_atom(a), do: encode(Atom.to_string(a))
  def encode(l) when is_list(l), do: "[" <> Enum.map_join(l, ",", &encode/1) <> "]"
  def encode(m) when is_map(m) do
    "{" <> Enum.map_join(Enum.sort(m), ",", fn {k, v} -> encode(to_string(k)) <> ":" <> encode(v) end) <> "}"
  end
end
IO.puts(Enc.encode(%{name: "Ann \"A\"", age: 30, tags: [:a, "b"], meta: %{active: true, score: 9.5, none: nil}}))
IO.puts(Enc.encode([]))
