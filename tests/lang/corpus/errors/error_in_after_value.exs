v = try do
  :from_body
after
  :ignored_after_value
end
IO.inspect(v)
