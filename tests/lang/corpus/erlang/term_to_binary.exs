terms = [1, -1, 300, 1.5, :atom, "bin", [1, 2], {:a, "b"}, %{k: [1]}, [], {}, 123456789012345678901234567890]
for t <- terms do
  bin = :erlang.term_to_binary(t)
  IO.inspect({t, :erlang.binary_to_term(bin) === t, byte_size(bin)})
end
IO.inspect(:erlang.term_to_binary(:ok))
IO.inspect(:erlang.term_to_binary({1, "a"}))
