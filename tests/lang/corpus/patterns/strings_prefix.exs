"Hello " <> rest = "Hello World"
IO.inspect(rest)
parse = fn
  "GET " <> path -> {:get, path}
  "POST " <> path -> {:post, path}
  other -> {:unknown, other}
end
IO.inspect(parse.("GET /index"))
IO.inspect(parse.("POST /form"))
IO.inspect(parse.("DELETE /x"))
<<c::utf8, more::binary>> = "ünicode"
IO.inspect({c, more})
