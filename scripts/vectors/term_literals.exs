# Prints how real Elixir reads string and quoted-atom literals with escapes, one a line:
#   literal as hex (UTF-8) <TAB> :erlang.term_to_binary/1 of the value as hex, or "error"
# The form parser (src/term/parse.rs) must give the same term, or refuse what Elixir refuses.
# Regenerate: elixir scripts/vectors/term_literals.exs > tests/vectors/term_literals.txt
literals = [
  ~S("a\u0000b\x07"),
  ~S("\a\b\d\e\f\n\r\s\t\v\0"),
  ~S("\x07\xFF\x7\x41"),
  ~S("\x{1F600}\x{41}\x{FFF}"),
  ~S("\u0041\u{1F600}\u{41}\u00e9"),
  ~S("\z\q\\\"\'\#"),
  ~S("tab\there"),
  ~S(:"a b\x07"),
  ~S(:"\u00e9t\u00e9"),
  ~S("\xZ"),
  ~S("\x{}"),
  ~S("\u12"),
  ~S("\u{}"),
  ~S("\u{1234567}"),
  ~S("\u{110000}"),
  ~S("\u{D800}"),
  ~S("\uD800"),
  "\"a\\\nb\"",
  ~S("plain")
]

IO.puts("# string literals read by Elixir #{System.version()} (OTP #{System.otp_release()})")
IO.puts("# literal hex\tterm_to_binary hex or error")

for literal <- literals do
  result =
    try do
      {value, _} = Code.eval_string(literal)
      Base.encode16(:erlang.term_to_binary(value), case: :lower)
    rescue
      _ -> "error"
    end

  IO.puts("#{Base.encode16(literal, case: :lower)}\t#{result}")
end
