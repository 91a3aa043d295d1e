for f <- [1.0e-5, 1.0e-4, 0.001, 1.0e15, 1.0e16, 1.0e17, 123456789012345.6, 0.1 + 0.2 - 0.3, 1.0 / 3.0 * 3.0] do
  IO.puts("#{inspect(f)} #{f}")
end
IO.inspect(Float.round(1.005, 2))
IO.inspect(Float.round(-0.5))
IO.inspect(Float.to_string(100.0))
