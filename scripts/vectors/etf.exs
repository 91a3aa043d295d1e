# Prints External Term Format vectors, one a line:
#   name <TAB> :erlang.term_to_binary/1 hex <TAB> mode <TAB> Elixir inspect (or -)
# mode "exact": the encoder must produce these bytes; "decode": a map of more than 32 keys,
# whose key order follows the BEAM's internal HAMT hash, so only decoding is checked.
# inspect uses charlists: :as_lists; "-" when it would follow HAMT order.
# Regenerate: elixir scripts/vectors/etf.exs > tests/vectors/etf.txt
Code.require_file("terms.exs", __DIR__)

IO.puts("# term_to_binary vectors from OTP #{System.otp_release()} (Elixir #{System.version()})")
IO.puts("# name\thex\tmode\tinspect")

for {name, t} <- Vectors.Terms.all() do
  {mode, shown} =
    if Vectors.Terms.has_large_map?(t),
      do: {"decode", "-"},
      else: {"exact", Vectors.Terms.inspect_term(t)}

  IO.puts("#{name}\t#{Vectors.Terms.hex(t)}\t#{mode}\t#{shown}")
end
