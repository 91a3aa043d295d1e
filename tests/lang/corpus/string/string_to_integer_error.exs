IO.inspect(String.to_integer("0010"))
String.to_integer(Enum.at([""], 0))
