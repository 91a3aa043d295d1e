t = {1, 2}
"value: #{t}"
