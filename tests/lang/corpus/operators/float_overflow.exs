big = String.to_float("1.0e308")
IO.inspect(big)
IO.inspect(big * 1.5)
