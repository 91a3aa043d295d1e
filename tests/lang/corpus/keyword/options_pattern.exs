defmodule Opts do
  @defaults [timeout: 5000, retries: 3, verbose: false]
  def configure(opts \\ []) do
    opts = Keyword.merge(@defaults, opts)
    "timeout=#{opts[:timeout]} retries=#{opts[:retries]} verbose=#{opts[:verbose]}"
  end
  def validate(opts), do: Keyword.validate(opts, [:name, size: 1])
end
IO.puts(Opts.configure())
IO.puts(Opts.configure(retries: 1, verbose: true))
IO.inspect(Opts.validate(name: "x"))
IO.inspect(Opts.validate(bogus: 1))
IO.inspect(Keyword.new([{:b, 1}, {:a, 2}]))
IO.inspect(Keyword.to_list(a: 1))
