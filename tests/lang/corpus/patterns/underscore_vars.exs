{_, second, _} = {1, 2, 3}
IO.inspect(second)
{_ignored, kept} = {:a, :b}
IO.inspect(kept)
[_ | _] = [1]
IO.puts("non-empty")
_ = :anything
IO.puts("done")
