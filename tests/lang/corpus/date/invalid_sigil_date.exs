IO.inspect(Date.new(2024, 4, 31))
Date.new!(2024, 4, 31)
