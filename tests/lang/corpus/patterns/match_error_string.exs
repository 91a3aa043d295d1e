"abc" <> _ = String.upcase("xyz")
