defmodule Secret do
  defstruct [:value]
end
defimpl Inspect, for: Secret do
  def inspect(_secret, _opts), do: "#Secret<redacted>"
end
defmodule Main do
  def run do
    IO.inspect(%Secret{value: "pw"})
    IO.inspect([%Secret{value: 1}, :other])
  end
end
Main.run()
