defmodule Greeting do
  defmacro __using__(opts) do
    word = Keyword.get(opts, :word, "hello")
    quote do
      def greet(name), do: unquote(word) <> ", " <> name
    end
  end
end
defmodule English do
  use Greeting
end
defmodule French do
  use Greeting, word: "bonjour"
end
IO.puts(English.greet("Ann"))
IO.puts(French.greet("Luc"))
