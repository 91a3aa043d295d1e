data = %{"users" => [%{"name" => "x"}]}
IO.inspect(data["users"])
IO.inspect(data["missing"]["deep"])
IO.inspect(nil[:anything])
kw = [a: 1]
IO.inspect(kw[:a])
IO.inspect(kw[:b][:c])
IO.inspect(get_in(data, ["users", Access.at(0), "name"]))
IO.inspect(get_in(data, ["users", Access.at(5), "name"]))
