result = {:error, "disk full", [1, 2]}
IO.puts("checking")
case result do
  {:ok, v} -> IO.inspect(v)
end
