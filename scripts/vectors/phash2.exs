# Prints :erlang.phash2/2 vectors, one a line:
#   name <TAB> term as External Term Format hex <TAB> range <TAB> expected
# range 4294967296 (2^32) is the full 32-bit hash; 134217728 (2^27) is phash2/1's default.
# Regenerate: elixir scripts/vectors/phash2.exs > tests/vectors/phash2.txt
Code.require_file("terms.exs", __DIR__)

IO.puts("# :erlang.phash2/2 vectors from OTP #{System.otp_release()} (Elixir #{System.version()})")
IO.puts("# name\tterm_to_binary hex\trange\texpected")

for {name, t} <- Vectors.Terms.all(), range <- [4_294_967_296, 134_217_728, 3, 7, 1000] do
  IO.puts("#{name}\t#{Vectors.Terms.hex(t)}\t#{range}\t#{:erlang.phash2(t, range)}")
end
