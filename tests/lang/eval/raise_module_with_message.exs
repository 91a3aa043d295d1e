raise ArgumentError, message: "bad input"
