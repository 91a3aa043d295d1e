IO.puts "hi"
throw :x
