raise ArgumentError, "wrong argument"
