kw = [b: 2, a: 1, c: 3]
IO.inspect(Enum.sort(kw))
IO.inspect(Enum.into(kw, %{}))
IO.inspect(Enum.map(kw, fn {k, v} -> "#{k}=#{v}" end) |> Enum.join("&"))
IO.inspect(Enum.reduce(%{x: 1, y: 2}, 0, fn {_, v}, acc -> acc + v end))
IO.inspect(Enum.min_by(kw, &elem(&1, 1)))
IO.inspect(Keyword.keys(Enum.sort_by(kw, &elem(&1, 1), :desc)))
