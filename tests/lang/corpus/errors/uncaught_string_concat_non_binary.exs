n = Enum.count([1, 2])
"count: " <> n
