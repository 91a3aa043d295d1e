triples =
  for a <- 1..20, b <- a..20, c <- b..20, a * a + b * b == c * c, do: {a, b, c}
IO.inspect(triples)
IO.inspect(for i <- 1..3, j <- 1..i, do: {i, j})
grid = for row <- 0..2, col <- 0..2, row != col, do: "#{row}#{col}"
IO.inspect(grid)
IO.inspect(for x <- [1, 2], y = x * 10, do: y)
