IO.puts("calling String.split with an integer")
String.split(123)
