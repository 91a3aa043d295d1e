text = """
first line
  indented
last "quoted"
"""
IO.inspect(text)
IO.puts(text)
other = """
    stripped by closing
    indent
    """
IO.inspect(other)
IO.inspect(~s(sigil "s" with #{1 + 1}))
IO.inspect(~S(no #{interp} \n here))
IO.inspect(~w(one two three))
IO.inspect(~w(a b)a)
IO.inspect(~w(x y)c)
