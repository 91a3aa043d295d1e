# Prints Elixir's inspect/2 of a few hundred terms, one a line:
#   name <TAB> term_to_binary hex <TAB> inspect(t) <TAB> inspect(t, pretty: true)
#        <TAB> inspect(t, pretty: true, width: 30) <TAB> inspect(t, limit: 5, printable_limit: 10)
# Text fields escape "\" as "\\", newline as "\n" and tab as "\t".
# inspect(t, pretty: true) is IO.inspect/2's layout (width 80).
# Terms holding a map of more than 32 keys are left out (HAMT order, see terms.exs).
# Regenerate: elixir scripts/vectors/inspect.exs > tests/vectors/inspect.txt
Code.require_file("terms.exs", __DIR__)

defmodule Vectors.Point do
  defstruct [:x, :y]
end

defmodule Vectors.Account do
  defstruct balance: 0, history: [], name: nil, owner: nil
end

defmodule Vectors.Inspect do
  def nest_list(0, inner), do: inner
  def nest_list(n, inner), do: nest_list(n - 1, [inner])

  def nest_tuple(0, inner), do: inner
  def nest_tuple(n, inner), do: nest_tuple(n - 1, {inner})

  def nest_map(0, inner), do: inner
  def nest_map(n, inner), do: nest_map(n - 1, %{a: inner})

  def todo(n) do
    entries =
      for i <- 1..n, into: %{} do
        {i, %{id: i, date: Date.add(~D[2024-01-22], i), title: "Entry number #{i} with some words"}}
      end

    %{auto_id: n + 1, entries: entries}
  end

  def extra do
    [
      # charlists (charlists: :infer)
      {"cl_abc", 'abc'},
      {"cl_hello_world", 'hello world'},
      {"cl_controls", [7, 8, 9, 10, 11, 12, 13, 27]},
      {"cl_del", [127]},
      {"cl_quote", 'it\'s'},
      {"cl_interp", [?#, ?{, ?x, ?}]},
      {"cl_backslash", '\\\\'},
      {"cl_not_printable", [1, 2, 3]},
      {"cl_unicode", [233]},
      {"cl_long", Enum.map(1..60, fn i -> ?a + rem(i, 26) end)},
      {"cl_in_list", ['ab', 'cd']},
      {"cl_keyword_value", [name: 'bob']},
      # strings and binaries
      {"s_unicode", "héllo wörld ✓"},
      {"s_feff", "a\uFEFFb"},
      {"s_nul", "a\0b"},
      {"s_long_5000", String.duplicate("x", 5000)},
      {"s_long_100", String.duplicate("abcdefghi ", 10)},
      {"s_quote_interp", "\"\#{a}\" \\ #"},
      {"b_200_bytes", :binary.copy(<<0, 1, 2, 255>>, 50)},
      {"b_60_bytes", :binary.list_to_bin(Enum.to_list(200..255) ++ [0, 1, 2, 3])},
      {"b_invalid_after_limit", String.duplicate("a", 4100) <> <<255>>},
      {"b_invalid_early", "abc" <> <<255>> <> "def"},
      # atoms
      {"atom_quoted_escape", :"a\"b"},
      {"atom_newline", :"a\nb"},
      {"atom_operators", [:-, :*, :/, :==, :!, :&&, :<>, :|>, :"::", :..]},
      {"atom_at_start", :@},
      {"atom_bang", :ok!},
      {"atom_upper", :Foo},
      {"atom_elixir_lower", :"Elixir.foo"},
      {"kw_quoted_keys", [{:"with space", 1}, {:"a-b", 2}, {nil, 3}, {true, 4}]},
      {"kw_alias_key_not_keyword", [{Foo, 1}]},
      # lists and limits
      {"list_100", Enum.to_list(1..100)},
      {"list_51", Enum.to_list(1..51)},
      {"list_50", Enum.to_list(1..50)},
      {"list_30_strings", Enum.map(1..30, &"item #{&1}")},
      {"list_of_tuples_long", Enum.map(1..20, &{:item, &1, "value #{&1}"})},
      {"list_of_maps", Enum.map(1..5, &%{id: &1, name: "user #{&1}", roles: [:admin, :dev]})},
      {"kw_long", Enum.map(1..15, &{:"key_#{&1}", &1 * 1000})},
      {"kw_nested", [config: [pool_size: 10, timeout: 5000, name: "db"], enabled: true]},
      {"tuple_60", List.to_tuple(Enum.to_list(1..60))},
      {"tuple_long_strings", {"a long string that is quite long", "another long string here", "and a third one to break"}},
      {"tuple_nested_break", {:ok, %{name: "Alice", email: "alice@example.com", roles: [:admin, :editor, :viewer]}}},
      {"deep_list_60", nest_list(60, :x)},
      {"deep_list_10", nest_list(10, :x)},
      {"deep_tuple_60", nest_tuple(60, 1)},
      {"deep_map_55", nest_map(55, 1)},
      {"deep_list_150", nest_list(150, [1, 2])},
      {"improper_long", Enum.to_list(1..60) ++ :tail},
      {"improper_long_10", Enum.to_list(1..10) ++ :tail},
      {"improper_strings", ["a long string number one", "a long string number two" | "the tail string"]},
      # maps
      {"map_20_atoms", Map.new(1..20, &{:"field_#{&1}", &1})},
      {"map_mixed_long", %{"name" => "Alice", :age => 30, 1 => "one", {:a, :b} => [1, 2, 3], "a long key here" => "a long value there"}},
      {"map_32_nested", Map.new(1..32, &{&1, %{v: &1}})},
      {"todo_5", todo(5)},
      {"todo_12", todo(12)},
      # structs
      {"point", %Vectors.Point{x: 1, y: 2}},
      {"points", Enum.map(1..8, &%Vectors.Point{x: &1, y: &1 * &1})},
      {"account", %Vectors.Account{name: "Alice", owner: %Vectors.Point{x: 0, y: 0}, balance: 100, history: Enum.map(1..12, &{:deposit, &1 * 10})}},
      {"date", ~D[2024-01-22]},
      {"date_list", [~D[2024-01-22], ~D[1999-12-31]]},
      {"time", ~T[12:30:05]},
      {"time_ms", ~T[12:30:05.120]},
      {"time_us", ~T[23:59:59.000001]},
      {"naive", ~N[2024-01-22 12:30:05]},
      {"naive_us", ~N[2024-01-22 12:30:05.123456]},
      {"range", 1..10},
      {"range_step", 1..10//2},
      {"range_down", 10..1//-1},
      {"range_neg", -5..-1},
      {"range_empty_step", 1..0//1},
      {"mapset", MapSet.new([3, 1, 2])},
      {"mapset_empty", MapSet.new()},
      {"mapset_kw", MapSet.new([a: 1, b: 2])},
      {"mapset_charlists", MapSet.new(['ab', 'cd'])},
      {"mapset_long", MapSet.new(1..40 |> Enum.map(&"member #{&1}") |> Enum.take(30))},
      {"regex", ~r/ab/i},
      {"regex_slash", ~r/a\/b/},
      {"regex_digits", ~r/\d+\s/u},
      {"regex_newline", ~r/a
b/},
      {"runtime_error", RuntimeError.exception("boom")},
      {"argument_error", ArgumentError.exception("bad argument")},
      {"struct_in_map", %{at: ~D[2024-01-22], where: %Vectors.Point{x: 1, y: 2}}},
      # numbers
      {"big_in_list", [Integer.pow(2, 64), -Integer.pow(10, 40)]},
      {"big_wide", Integer.pow(7, 200)},
      {"floats", [0.1, -2.5, 1.0e20, 1.0e-10, 100.0]},
      # pids and references
      {"pids", [:c.pid(0, 42, 0), :c.pid(0, 7, 0)]},
      {"ref_in_tuple", {:DOWN, :erlang.list_to_ref('#Ref<0.0.0.9>'), :process, :c.pid(0, 3, 0), :normal}}
    ]
  end

  def escape(text),
    do: text |> String.replace("\\", "\\\\") |> String.replace("\n", "\\n") |> String.replace("\t", "\\t")
end

IO.puts("# inspect/2 vectors from Elixir #{System.version()} (OTP #{System.otp_release()})")
IO.puts("# name\thex\tinspect\tpretty\tpretty width 30\tlimit 5, printable_limit 10")

for {name, t} <- Vectors.Terms.all() ++ Vectors.Inspect.extra(), not Vectors.Terms.has_large_map?(t) do
  fields = [
    inspect(t),
    inspect(t, pretty: true),
    inspect(t, pretty: true, width: 30),
    inspect(t, limit: 5, printable_limit: 10)
  ]

  IO.puts(Enum.join([name, Vectors.Terms.hex(t) | Enum.map(fields, &Vectors.Inspect.escape/1)], "\t"))
end
