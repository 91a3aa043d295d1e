defmodule Cat do
  defstruct name: nil, lives: 9
end
defmodule Dog do
  defstruct name: nil
end
defmodule Main do
  def speak(%Cat{name: n}), do: "#{n} says meow"
  def speak(%Dog{name: n}), do: "#{n} says woof"
  def speak(%{name: n}), do: "#{n} is a map"
  def run do
    IO.puts(speak(%Cat{name: "Tom"}))
    IO.puts(speak(%Dog{name: "Rex"}))
    IO.puts(speak(%{name: "Plain"}))
    %Cat{lives: l} = %Cat{name: "x", lives: 3}
    IO.inspect(l)
    %struct_name{} = %Dog{}
    IO.inspect(struct_name)
  end
end
Main.run()
