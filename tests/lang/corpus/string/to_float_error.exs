IO.inspect(String.to_float("2.5"))
String.to_float(Enum.at(["2"], 0))
