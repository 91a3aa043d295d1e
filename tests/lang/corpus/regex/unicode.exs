IO.inspect(Regex.scan(~r/\p{L}+/u, "naïve café 東京"))
IO.inspect(String.split("a→b→c", ~r/→/u))
IO.inspect(Regex.replace(~r/é/u, "résumé", "e"))
IO.inspect(Regex.run(~r/^(.)/u, "éa"))
