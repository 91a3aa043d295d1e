target = {:id, 7}
finder = fn list -> Enum.find(list, fn
  ^target -> true
  _ -> false
end) end
IO.inspect(finder.([{:id, 1}, {:id, 7}, {:id, 9}]))
IO.inspect(finder.([]))
k = :name
IO.inspect(for %{^k => v} <- [%{name: 1}, %{other: 2}, %{name: 3}], do: v)
