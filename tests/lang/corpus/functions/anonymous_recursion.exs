fact = fn
  0, _self -> 1
  n, self -> n * self.(n - 1, self)
end
IO.inspect(fact.(10, fact))
fib = fn f ->
  fn
    n when n < 2 -> n
    n -> f.(f).(n - 1) + f.(f).(n - 2)
  end
end
IO.inspect(fib.(fib).(15))
