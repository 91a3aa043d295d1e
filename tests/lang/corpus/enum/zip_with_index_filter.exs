names = ~w(ann bob cy dee)
scores = [88, 92, 75, 60]
Enum.zip(names, scores)
|> Enum.with_index(1)
|> Enum.filter(fn {{_, s}, _} -> s >= 75 end)
|> Enum.map(fn {{n, s}, i} -> "#{i}. #{n} (#{s})" end)
|> Enum.each(&IO.puts/1)
