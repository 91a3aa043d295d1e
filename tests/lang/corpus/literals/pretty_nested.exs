data = [
  {:user, %{id: 1, name: "Alice Anderson", email: "alice@example.com"}},
  {:user, %{id: 2, name: "Bob Brown", email: "bob@example.com"}},
  {:group, %{id: 10, members: [1, 2], title: "Administrators of the system"}}
]
IO.inspect(data)
IO.inspect({:ok, data})
IO.inspect([a: [b: [c: [d: [e: [f: [g: "deep keyword list that goes past eighty cols"]]]]]]])
IO.inspect({{{{{{{{{{:deep}}}}}}}}}})
