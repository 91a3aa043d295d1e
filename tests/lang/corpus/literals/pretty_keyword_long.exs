opts = [name: "playground", timeout: 5000, retries: 3, strategy: :one_for_one, children: [:a, :b, :c]]
IO.inspect(opts)
IO.inspect([opts: opts])
IO.inspect(%{opts: opts, more: [1, 2, 3]})
