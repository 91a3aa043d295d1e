defmodule Temperature do
  defstruct [:degrees, unit: :c]
  def to_f(%__MODULE__{unit: :f} = t), do: t
  def to_f(%__MODULE__{unit: :c, degrees: d}), do: %__MODULE__{degrees: d * 9 / 5 + 32, unit: :f}
end
defmodule Main do
  def run do
    IO.inspect(Temperature.to_f(%Temperature{degrees: 100}))
    IO.inspect(Temperature.to_f(%Temperature{degrees: 50, unit: :f}))
    IO.inspect(is_struct(%Temperature{degrees: 1}))
    IO.inspect(is_struct(%{}, Temperature))
  end
end
Main.run()
