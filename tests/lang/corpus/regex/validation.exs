email = ~r/^[\w.+-]+@[\w-]+\.[\w.]+$/
for s <- ["a@b.com", "bad@", "x.y+z@host.org", "@no.com"] do
  IO.puts("#{s}: #{Regex.match?(email, s)}")
end
IO.inspect(Regex.run(~r/\d{3}-\d{4}/, "call 555-1234 now"))
IO.inspect(String.replace("2024-01-15", ~r/(\d+)-(\d+)-(\d+)/, "\\3/\\2/\\1"))
