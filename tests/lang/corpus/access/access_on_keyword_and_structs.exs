defmodule Cfg do
  defstruct db: %{host: "h", port: 1}
end
defmodule Main do
  def run do
    c = %Cfg{}
    IO.inspect(get_in(c, [Access.key(:db), :port]))
    IO.inspect(put_in(c, [Access.key(:db), :port], 2))
    IO.inspect(update_in(c.db.host, &String.upcase/1))
    IO.inspect(get_in([a: %{b: [c: 1]}], [:a, :b, :c]))
  end
end
Main.run()
