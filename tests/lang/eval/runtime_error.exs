IO.puts "start"
raise "boom"
