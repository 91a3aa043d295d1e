# Writes the expected parse of every snippet in tests/lang/parse/*.txt as real Elixir sees it:
# `Code.string_to_quoted!(source, columns: true)` printed in a canonical one-line form that
# tests/lang_parse.rs prints our own tree in (see tests/lang/parse/README.md for the format).
#
#   elixir scripts/gen_parse_vectors.exs   (from the repository root; scripts/gen_parse_vectors.sh)

defmodule Canon do
  # {head, meta, args}: (HEAD @line:col ARGS), `!` after the position for no_parens: true.
  def p({h, m, a}) when is_list(m) do
    "(" <> p(h) <> " " <> meta(m) <> " " <> if(is_list(a), do: list(a), else: "nil") <> ")"
  end

  def p({a, b}), do: "{" <> p(a) <> " " <> p(b) <> "}"
  def p(l) when is_list(l), do: list(l)
  def p(i) when is_integer(i), do: Integer.to_string(i)

  def p(f) when is_float(f) do
    <<bits::64>> = <<f::float>>
    "f" <> Integer.to_string(bits, 16)
  end

  def p(a) when is_atom(a), do: ":" <> str(Atom.to_string(a))
  def p(s) when is_binary(s), do: str(s)

  defp list(l), do: "[" <> Enum.map_join(l, " ", &p/1) <> "]"

  defp meta(m) do
    pos =
      case {m[:line], m[:column]} do
        {nil, _} -> "@-"
        {l, nil} -> "@#{l}"
        {l, c} -> "@#{l}:#{c}"
      end

    if m[:no_parens], do: pos <> "!", else: pos
  end

  # Bytes: printable ASCII as is, `"` and `\` escaped, everything else \xHH.
  def str(s), do: "\"" <> for(<<b <- s>>, into: "", do: esc(b)) <> "\""
  defp esc(?"), do: "\\\""
  defp esc(?\\), do: "\\\\"
  defp esc(b) when b < 0x20 or b >= 0x7F, do: "\\x" <> String.pad_leading(Integer.to_string(b, 16), 2, "0")
  defp esc(b), do: <<b>>
end

defmodule Cases do
  # A case file: `#### name` lines, each followed by the snippet (up to the next `####`, the
  # final newline of the snippet excluded).
  def read(path) do
    path
    |> File.read!()
    |> String.split(~r/^#### /m, trim: true)
    |> Enum.map(fn chunk ->
      [name, body] =
        case String.split(chunk, "\n", parts: 2) do
          [name, body] -> [name, body]
          [name] -> [name, ""]
        end

      {String.trim(name), String.replace_suffix(body, "\n", "")}
    end)
  end
end

defmodule Sheets do
  # Lines between a line starting (after indentation) with ```elixir and the next ``` line;
  # numbered from the block's first line (1-based).
  def blocks(text) do
    {blocks, _} =
      text
      |> String.split("\n")
      |> Enum.with_index(1)
      |> Enum.reduce({[], nil}, fn {line, i}, {acc, cur} ->
        trimmed = String.trim_leading(line)

        cond do
          cur == nil and String.starts_with?(trimmed, "```elixir") -> {acc, {i + 1, []}}
          cur != nil and String.starts_with?(trimmed, "```") -> {[finish(cur) | acc], nil}
          cur != nil -> {acc, {elem(cur, 0), [line | elem(cur, 1)]}}
          true -> {acc, nil}
        end
      end)

    Enum.reverse(blocks)
  end

  defp finish({first, lines}), do: {first, lines |> Enum.reverse() |> Enum.map_join(&(&1 <> "\n"))}
end

dir = "tests/lang/parse"

ok =
  for {name, src} <- Cases.read(Path.join(dir, "valid.txt")) do
    case Code.string_to_quoted(src, columns: true) do
      {:ok, q} -> "#### #{name}\n#{Canon.p(q)}\n"
      {:error, e} -> raise "valid.txt: #{name} does not parse in Elixir: #{inspect(e)}"
    end
  end

File.write!(Path.join(dir, "valid.expected"), ok)

errors =
  for {name, src} <- Cases.read(Path.join(dir, "invalid.txt")) do
    try do
      Code.string_to_quoted!(src, columns: true)
      raise "invalid.txt: #{name} parses in Elixir"
    rescue
      e in [SyntaxError, TokenMissingError] ->
        "#### #{name}\n#{inspect(e.__struct__)} #{e.line}:#{e.column} #{Canon.str(e.description)}\n"
    end
  end

File.write!(Path.join(dir, "invalid.expected"), errors)

# What `elixir snippet.exs` prints on stderr for each malformed snippet: the `** (SyntaxError)`
# line, Elixir's source line and caret when it shows them, without the stacktrace (the trailing
# lines `    (app x.y.z) file:line: ...`).
work = Path.join(System.tmp_dir!(), "gen_parse_vectors_#{System.unique_integer([:positive])}")

stderr =
  Cases.read(Path.join(dir, "invalid.txt"))
  |> Enum.with_index()
  |> Task.async_stream(
    fn {{name, src}, i} ->
      case_dir = Path.join(work, Integer.to_string(i))
      File.mkdir_p!(case_dir)
      File.write!(Path.join(case_dir, "snippet.exs"), src)
      {out, _status} = System.cmd("elixir", ["snippet.exs"], cd: case_dir, stderr_to_stdout: true)

      lines =
        out
        |> String.split("\n")
        |> Enum.reverse()
        |> Enum.drop_while(&(&1 == "" or String.starts_with?(&1, "    (")))
        |> Enum.reverse()

      "#### #{name}\n" <> Enum.map_join(lines, &(&1 <> "\n"))
    end,
    timeout: :infinity
  )
  |> Enum.map(fn {:ok, text} -> text end)

File.rm_rf!(work)
File.write!(Path.join(dir, "invalid.stderr"), stderr)
# Every ```elixir block of the exercise sheets, named sheet:line (the block's first line).
blocks =
  for sheet <- ["chapter6.txt", "chapter7.txt"],
      {line, code} <- Sheets.blocks(File.read!(Path.join("tests/lang/sheets", sheet))) do
    name = "#{sheet}:#{line}"

    case Code.string_to_quoted(code, columns: true) do
      {:ok, q} -> "#### #{name}\n#{Canon.p(q)}\n"
      {:error, {meta, msg, tok}} -> "#### #{name}\nerror #{meta[:line]} #{Canon.str(msg <> tok)}\n"
    end
  end

File.write!(Path.join(dir, "sheets.expected"), blocks)
IO.puts("#{length(ok)} valid, #{length(errors)} invalid snippets, #{length(blocks)} sheet blocks")
