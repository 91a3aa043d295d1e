defmodule Self.Ref do
  def me, do: __MODULE__
  def name, do: inspect(__MODULE__)
  def str, do: to_string(__MODULE__)
  def call, do: __MODULE__.me()
end
IO.inspect(Self.Ref.me())
IO.puts(Self.Ref.name())
IO.puts(Self.Ref.str())
IO.inspect(Self.Ref.call())
IO.inspect(__MODULE__)
