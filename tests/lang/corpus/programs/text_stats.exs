text = "It was the best of times, it was the worst of times; it was the age of wisdom."
words = text |> String.downcase() |> String.split(~r/[^a-z]+/, trim: true)
IO.inspect(length(words), label: "words")
IO.inspect(words |> Enum.uniq() |> length(), label: "unique")
IO.inspect(Enum.max_by(words, &String.length/1), label: "longest")
top = words |> Enum.frequencies() |> Enum.sort_by(fn {w, n} -> {-n, w} end) |> Enum.take(3)
IO.inspect(top, label: "top")
IO.inspect(String.length(text), label: "chars")
