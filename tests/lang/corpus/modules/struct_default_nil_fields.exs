defmodule Rec do
  defstruct [:a, :b, c: :default]
end
defmodule Main do
  def run do
    r = %Rec{}
    IO.inspect(r)
    IO.inspect(r.a)
    IO.inspect(%Rec{b: 2} == %Rec{b: 2})
    IO.inspect(Map.keys(r))
    IO.inspect(r |> Map.from_struct() |> Map.keys())
  end
end
Main.run()
