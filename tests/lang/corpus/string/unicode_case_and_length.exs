words = ["Über", "naïve", "日本", "ǅemal", "ΣΊΣΥΦΟΣ"]
for w <- words do
  IO.puts("#{w} #{String.length(w)} #{byte_size(w)} #{String.upcase(w)} #{String.downcase(w)}")
end
