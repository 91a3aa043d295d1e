defmodule Wrap do
  def wrap(text, width) do
    text
    |> String.split()
    |> Enum.reduce([""], fn word, [line | rest] ->
      cond do
        line == "" -> [word | rest]
        String.length(line) + 1 + String.length(word) <= width -> [line <> " " <> word | rest]
        true -> [word, line | rest]
      end
    end)
    |> Enum.reverse()
  end
end
text = "The quick brown fox jumps over the lazy dog and keeps running far away"
Wrap.wrap(text, 20) |> Enum.each(&IO.puts/1)
IO.inspect(Wrap.wrap("", 10))
