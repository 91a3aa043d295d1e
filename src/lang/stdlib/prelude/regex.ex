# Regex.replace/3,4: a string replacement is done by a native; a function replacement is
# called here with the match and its groups.

defmodule Regex do
  def replace(regex, string, replacement), do: replace(regex, string, replacement, [])

  def replace(regex, string, replacement, options) when is_function(replacement) do
    matches =
      if Keyword.get(options, :global, true) do
        Regex.scan(regex, string, return: :index)
      else
        case Regex.run(regex, string, return: :index) do
          nil -> []
          match -> [match]
        end
      end

    {:arity, arity} = :erlang.fun_info(replacement, :arity)
    {pieces, from} = Enum.reduce(matches, {[], 0}, fn [{start, len} | _] = groups, {pieces, from} ->
      texts = Enum.map(groups, fn {-1, 0} -> ""; {s, l} -> :binary.part(string, s, l) end)
      texts = Enum.take(texts ++ List.duplicate("", arity), arity)
      {[apply(replacement, texts), :binary.part(string, from, start - from) | pieces], start + len}
    end)

    IO.iodata_to_binary(:lists.reverse([:binary.part(string, from, byte_size(string) - from) | pieces]))
  end

  def replace(regex, string, replacement, options), do: :elixir_regex.replace(regex, string, replacement, options)
end
