text = """
the cat sat on the mat
the dog sat on the log
"""
text
|> String.split()
|> Enum.frequencies()
|> Enum.sort_by(fn {w, c} -> {-c, w} end)
|> Enum.take(4)
|> Enum.each(fn {w, c} -> IO.puts("#{w}: #{c}") end)
