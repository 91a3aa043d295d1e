defmodule Outer do
  def name, do: __MODULE__
  defmodule Inner do
    def name, do: __MODULE__
    def call_outer, do: Outer.name()
  end
  def call_inner, do: Inner.name()
end
IO.inspect(Outer.name())
IO.inspect(Outer.Inner.name())
IO.inspect(Outer.call_inner())
IO.inspect(Outer.Inner.call_outer())
defmodule A.B.C do
  def hi, do: :hi
end
IO.inspect(A.B.C.hi())
IO.inspect(Module.split(A.B.C))
