apply_twice = fn f, x -> f.(f.(x)) end
IO.inspect(apply_twice.(&(&1 * 3), 2))
IO.inspect(apply(Enum, :sum, [[1, 2, 3]]))
IO.inspect(apply(fn a, b -> a - b end, [10, 3]))
IO.inspect(Kernel.apply(String, :duplicate, ["ab", 3]))
pipeline = [&String.trim/1, &String.downcase/1, &String.reverse/1]
IO.inspect(Enum.reduce(pipeline, "  HeLLo  ", fn f, acc -> f.(acc) end))
