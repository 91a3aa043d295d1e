values = [0.1, 1 / 3, 2 / 3, 100.0, 1.0e100, 123.456, 1.0e-100, 0.5e-5, 12345678901234567890.0]
Enum.each(values, &IO.inspect/1)
IO.puts(:io_lib.format("~.3f", [3.14159]) |> IO.iodata_to_binary())
IO.puts(:io_lib.format("~10.2f|", [2.5]) |> IO.iodata_to_binary())
IO.puts(:io_lib.format("~p ~w ~s", [[1, 2], :atom, "str"]) |> IO.iodata_to_binary())
