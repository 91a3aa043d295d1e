name = "World"
n = 3
IO.puts("Hello, #{name}!")
IO.puts("#{n} + #{n} = #{n + n}")
IO.puts("list: #{inspect([1, 2])}")
IO.puts("atom: #{:ok}")
IO.puts("nested: #{"inner #{n}"}")
IO.puts("float: #{1.5}")
IO.puts("charlist: #{'abc'}")
IO.puts("nil: [#{nil}]")
IO.puts("bool: #{true}")
