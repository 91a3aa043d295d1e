IO.inspect(~c(charlist))
IO.inspect(~s[brackets])
IO.inspect(~s{braces})
IO.inspect(~s<angle>)
IO.inspect(~s|pipes|)
IO.inspect(~s"quotes")
IO.inspect(~s'single')
IO.inspect(~s/slashes/)
IO.inspect(~w[a b c]s)
IO.inspect(~S"""
raw \n heredoc #{x}
""")
