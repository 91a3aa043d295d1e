defmodule Wrapper do
  defmodule Helper do
    def value, do: 42
  end
  def get, do: Helper.value()
end
IO.inspect(Wrapper.get())
IO.inspect(Wrapper.Helper.value())
alias Wrapper.Helper
IO.inspect(Helper.value())
