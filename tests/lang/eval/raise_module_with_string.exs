raise ArgumentError, "bad input"
