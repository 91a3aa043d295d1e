defmodule Dog do
  def sound, do: "woof"
end
defmodule Cow do
  def sound, do: "moo"
end
for animal <- [Dog, Cow] do
  IO.puts("#{inspect(animal)}: #{animal.sound()}")
end
mod = Dog
IO.puts(apply(mod, :sound, []))
fun = :sound
IO.puts(apply(Cow, fun, []))
