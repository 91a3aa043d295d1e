big = Map.new(1..5, fn i -> {:"field_#{i}", String.duplicate("v", 12)} end)
big.missing_field
