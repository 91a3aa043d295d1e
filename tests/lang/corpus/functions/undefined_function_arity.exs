IO.inspect(String.upcase("x"))
String.upcase("a", :default, :extra)
