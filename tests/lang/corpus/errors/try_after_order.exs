defmodule T do
  def run do
    try do
      IO.puts("body")
      :body_value
    after
      IO.puts("cleanup")
    end
  end
  def nested do
    try do
      try do
        raise "inner"
      after
        IO.puts("inner after")
      end
    rescue
      e -> IO.puts("outer rescued #{Exception.message(e)}")
    after
      IO.puts("outer after")
    end
  end
end
IO.inspect(T.run())
T.nested()
