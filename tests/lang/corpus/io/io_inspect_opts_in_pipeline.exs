%{b: [1, 2, 3], a: "x"}
|> IO.inspect(label: "map", limit: 2)
|> Map.get(:b)
|> IO.inspect(label: "list", charlists: :as_lists)
IO.inspect('abc', label: "charlist")
IO.inspect(123_456, label: "hex", base: :hex)
