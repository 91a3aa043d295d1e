raise "first line\nsecond line"
