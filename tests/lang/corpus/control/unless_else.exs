check = fn list ->
  unless Enum.empty?(list) do
    "has #{length(list)}"
  else
    "empty"
  end
end
IO.puts(check.([1, 2]))
IO.puts(check.([]))
