defmodule Settings do
  @moduledoc "Holds settings"
  @pool_size 3
  @names [:a, :b]
  @greeting "hello"
  @doc "Returns the pool size"
  def pool_size, do: @pool_size
  def names, do: @names
  def greet(who), do: "#{@greeting}, #{who}"
  @pool_size 5
  def new_pool_size, do: @pool_size
end
IO.inspect(Settings.pool_size())
IO.inspect(Settings.names())
IO.puts(Settings.greet("you"))
IO.inspect(Settings.new_pool_size())
