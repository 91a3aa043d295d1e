first = "Ada"
last = "Lovelace"
IO.puts(first <> " " <> last)
IO.puts("#{first} #{last}")
IO.puts(Enum.join([first, last], " "))
IO.puts(["io", "list", ?!, ["nested"]])
IO.inspect(IO.iodata_to_binary(["a", ["b", ?c], "d"]))
IO.inspect(IO.iodata_length(["ab", ?c]))
