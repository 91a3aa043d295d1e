words = ["banana", "Apple", "cherry", "apple", "Banana", "äpfel", "zoo", ""]
IO.inspect(Enum.sort(words))
IO.inspect(Enum.sort(words, :desc))
IO.inspect(Enum.min(words))
IO.inspect("a" < "aa")
IO.inspect("b" > "aaaa")
