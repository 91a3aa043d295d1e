defmodule MyApp.Utils.Strings do
  def shout(s), do: String.upcase(s) <> "!"
end
defmodule MyApp.Main do
  alias MyApp.Utils.Strings
  alias MyApp.Utils.Strings, as: S
  def run do
    IO.puts(Strings.shout("hi"))
    IO.puts(S.shout("there"))
    IO.inspect(Strings)
  end
end
MyApp.Main.run()
alias MyApp.Utils.{Strings}
IO.puts(Strings.shout("top level"))
