re = ~r/(?<key>\w+)=(?<value>\w+)/
IO.inspect(Regex.named_captures(re, "a=1"))
IO.inspect(Regex.names(re))
IO.inspect(Regex.scan(re, "a=1 b=2", capture: :all_names))
IO.inspect(Regex.match?(~r/^abc$/m, "x\nabc\ny"))
IO.inspect(Regex.replace(~r/a/, "banana", "o", global: false))
IO.inspect(Regex.split(~r/\s/, "a b  c", trim: true))
IO.inspect(Regex.split(~r/,/, "a,b,c", parts: 2))
IO.inspect(Regex.opts(~r/x/i))
