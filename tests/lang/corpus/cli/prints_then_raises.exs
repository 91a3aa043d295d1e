IO.puts("hello from the script")
IO.inspect(Enum.map(1..3, &(&1 * 2)), label: "doubled")
raise ArgumentError, "stopped on purpose"
