defmodule Tok do
  def tokenize(""), do: []
  def tokenize(" " <> rest), do: tokenize(rest)
  def tokenize(<<c, rest::binary>>) when c in ~c"+-*/()", do: [{:op, <<c>>} | tokenize(rest)]
  def tokenize(<<c, _::binary>> = s) when c in ?0..?9 do
    {digits, rest} = take_digits(s, "")
    [{:num, String.to_integer(digits)} | tokenize(rest)]
  end
  defp take_digits(<<c, rest::binary>>, acc) when c in ?0..?9, do: take_digits(rest, acc <> <<c>>)
  defp take_digits(rest, acc), do: {acc, rest}
end
IO.inspect(Tok.tokenize("12 + 3*(45 - 6)"))
IO.inspect(Tok.tokenize("7"))
Tok.tokenize("1 & 2")
