raise RuntimeError, message: "custom message in keyword"
