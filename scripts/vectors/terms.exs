# Shared term list for the vector scripts (phash2.exs, etf.exs).
# Each entry is {name, term}; names are unique and carry no tabs.
defmodule Vectors.Terms do
  def big_map(n, key_fun), do: Map.new(1..n, fn i -> {key_fun.(i), i} end)

  def todo_list do
    %{
      auto_id: 3,
      entries: %{
        1 => %{id: 1, date: ~D[2024-01-22], title: "Buy milk"},
        2 => %{id: 2, date: ~D[2024-01-23], title: "Dentist"}
      }
    }
  end

  def all do
    strings = [
      {"str_empty", ""},
      {"str_bobs_list", "Bob's list"},
      {"str_alice", "Alice"},
      {"str_buy_milk", "Buy milk"},
      {"str_latin1", "héllo"},
      {"str_cjk", "日本語"},
      {"str_emoji", "🎉 party"},
      {"str_escapes", "say \"hi\"\n\ttab\\ \#{x} \e\a\b\f\v\d"},
      {"str_long", String.duplicate("abcdefghij", 13)},
      {"bin_bytes", <<1, 2, 3>>},
      {"bin_invalid_utf8", <<255, 0, 128>>},
      {"bin_nul", <<0>>},
      {"bin_c1_control", "a\u0085b"},
      {"bin_noncharacter", <<0xEF, 0xBF, 0xBE>>}
    ] ++ for n <- 1..25, do: {"str_len_#{n}", String.slice("The quick brown fox jumps over", 0, n)}

    ints =
      for i <- [0, 1, -1, 2, 42, 255, 256, -255, -256, 1000, -1000, 65535, 65536,
                134_217_727, 134_217_728, -134_217_728, -134_217_729,
                2_147_483_647, 2_147_483_648, -2_147_483_648, -2_147_483_649,
                4_294_967_295, 4_294_967_296, 1_099_511_627_776, 123_456_789_012,
                9_223_372_036_854_775_807, -9_223_372_036_854_775_808, -9_223_372_036_854_775_807],
          do: {"int_#{i}", i}

    atoms =
      for a <- [:ok, :error, nil, true, false, :"", :a, :pop, :add_entry, :noreply,
                :a_rather_long_atom_name_for_hashing_purposes, :héllo, :"日本", :"with space",
                Date, Calendar.ISO, Todo.Server, :"Elixir", :+, :"::", :foo@bar, :foo?],
          do: {"atom_#{inspect(a)}", a}

    floats =
      for f <- [0.0, -0.0, 1.0, -1.5, 0.1, 3.14159, 100.0, 123456.0, 1.0e15, 1.0e16, 1.0e20,
                1.0e-4, 1.2e-4, 1.0e-5, 1.0e-20, 2.5e-308, 0.30000000000000004, 9007199254740993.0,
                1.7976931348623157e308, 5.0e-324, 12345678.9, 1.5e5, -2.0e-3],
          do: {"float_#{inspect(f)}", f}

    tuples = [
      {"tuple_empty", {}},
      {"tuple_ok_1", {:ok, 1}},
      {"tuple_error_str", {:error, "not found"}},
      {"tuple_123", {1, 2, 3}},
      {"tuple_nested", {:a, {:b, {:c}}}},
      {"tuple_name_key", {"Bob's list", 3}},
      {"tuple_push", {:push, 1}},
      {"tuple_put", {:put, "k", 2.5}},
      {"tuple_big", List.to_tuple(Enum.to_list(1..300))}
    ]

    lists = [
      {"list_empty", []},
      {"list_1", [1]},
      {"list_123", [1, 2, 3]},
      {"list_charlist", 'abc'},
      {"list_255_256", [255, 256]},
      {"list_12345", [1, 2, 3, 4, 5]},
      {"list_zeros", [0, 0, 0, 0, 0, 0, 0, 0, 0]},
      {"list_atoms", [:a, :b]},
      {"list_nil_in_list", [[]]},
      {"list_two_nils", [[], []]},
      {"list_strings", ["a", "b"]},
      {"list_mixed", [1, :a, 2, 3, 4]},
      {"list_bytes_interrupted", [1, 2, 3, 300, 4, 5, 6, 7, 8]},
      {"list_negative", [-1, 1]},
      {"list_keyword", [a: 1, b: 2]},
      {"list_tuples", [{"Alice", 3}, {"Bob", 5}]},
      {"list_of_lists", [[1, 2], [3]]},
      {"list_long_bytes", Enum.to_list(0..255)},
      {"list_floats", [1.0, 2.5]}
    ]

    maps = [
      {"map_empty", %{}},
      {"map_atom_key", %{a: 1}},
      {"map_string_key", %{"k" => "v"}},
      {"map_int_keys", %{1 => :a, 2 => :b}},
      {"map_int_float_keys", %{1 => :a, 2 => :b, 1.0 => :c, 0.5 => :d}},
      {"map_mixed_keys", %{:a => 1, "b" => 2, 3 => 4, {:t} => 5, [1] => 6}},
      {"map_module_key", %{Date => 1, :a => 2}},
      {"map_nested", %{a: %{b: %{c: [1, 2]}}}},
      {"map_map_key", %{%{a: 1} => :x}},
      {"map_session", %{"name" => "Alice", "visits" => 3, "score" => 9.5, "role" => :admin}},
      {"map_32_keys", big_map(32, fn i -> :"k#{i}" end)},
      {"map_33_keys", big_map(33, fn i -> :"k#{i}" end)},
      {"map_40_int_keys", big_map(40, fn i -> i end)},
      {"map_100_string_keys", big_map(100, fn i -> "key #{i}" end)},
      {"map_1000_int_keys", big_map(1000, fn i -> i * 7 end)},
      {"date", ~D[2024-01-22]},
      {"date_neg_year", ~D[-0001-01-01]},
      {"date_small_year", ~D[0099-12-31]},
      {"todo_list", todo_list()},
      {"todo_entries", todo_list().entries},
      {"todo_add_entry", {:add_entry, %{date: ~D[2024-01-22], title: "Buy milk"}}},
      {"todo_servers", %{"Bob's list" => :c.pid(0, 42, 0), "Alice's list" => :c.pid(0, 43, 0)}}
    ]

    others = [
      {"pid_42", :c.pid(0, 42, 0)},
      {"pid_0", :c.pid(0, 0, 0)},
      {"pid_1000", :c.pid(0, 1000, 0)},
      {"pid_32767", :c.pid(0, 32767, 0)},
      {"ref_42", :erlang.list_to_ref('#Ref<0.0.0.42>')},
      {"ref_0", :erlang.list_to_ref('#Ref<0.0.0.0>')},
      {"ref_high", :erlang.list_to_ref('#Ref<0.0.1.5>')},
      {"reply_tuple", {:reply, {:ok, [1, 2]}, %{count: 2}}},
      {"call_from", {:"$gen_call", {:c.pid(0, 7, 0), :erlang.list_to_ref('#Ref<0.0.0.9>')}, :get}}
    ]

    bigs =
      for {name, i} <- [
            {"2_pow_63", 9_223_372_036_854_775_808},
            {"neg_2_pow_63_minus_1", -9_223_372_036_854_775_809},
            {"2_pow_64", 18_446_744_073_709_551_616},
            {"2_pow_64_minus_1", 18_446_744_073_709_551_615},
            {"2_pow_100", Integer.pow(2, 100)},
            {"neg_2_pow_100", -Integer.pow(2, 100)},
            {"10_pow_30", Integer.pow(10, 30)},
            {"neg_10_pow_50", -Integer.pow(10, 50)},
            {"2_pow_2048", Integer.pow(2, 2048)},
            {"neg_3_pow_700", -Integer.pow(3, 700)}
          ],
          do: {"big_#{name}", i}

    improper = [
      {"improper_1_2", [1 | 2]},
      {"improper_12_3", [1, 2 | 3]},
      {"improper_atom_tail", [:a, :b | :c]},
      {"improper_binary_tail", [1 | "b"]},
      {"improper_nil_head", [[] | 1]},
      {"improper_float_tail", [1, 2, 3 | 4.5]},
      {"improper_tuple_tail", [:a | {:b}]},
      {"improper_keyword_like", [{:a, 1} | :t]},
      {"improper_bytes_then_big", [1, 2, 3, 300 | 5]},
      {"improper_nested", [[1 | 2] | [3 | 4]]},
      {"improper_in_tuple", {:ok, [:x | :y]}},
      {"list_with_big", [Integer.pow(2, 70), 1]}
    ]

    strings ++ ints ++ atoms ++ floats ++ tuples ++ lists ++ maps ++ others ++ bigs ++ improper
  end

  # true when the term contains a map of more than 32 keys (HAMT: its ETF key order and
  # Elixir 1.14's inspect order follow the internal hash, not term order)
  def has_large_map?(t) when is_map(t),
    do: map_size(t) > 32 or Enum.any?(:maps.to_list(t), fn {k, v} -> has_large_map?(k) or has_large_map?(v) end)
  def has_large_map?(t) when is_tuple(t), do: has_large_map?(Tuple.to_list(t))
  def has_large_map?([h | t]), do: has_large_map?(h) or has_large_map?(t)
  def has_large_map?(_), do: false

  def hex(t), do: Base.encode16(:erlang.term_to_binary(t), case: :lower)

  def inspect_term(t),
    do: inspect(t, charlists: :as_lists, limit: :infinity, printable_limit: :infinity, width: :infinity)
end
