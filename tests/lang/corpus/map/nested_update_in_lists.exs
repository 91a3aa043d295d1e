users = %{"ann" => %{age: 30, tags: []}, "bob" => %{age: 25, tags: [:new]}}
users = update_in(users, ["ann", :age], &(&1 + 1))
users = put_in(users, ["bob", :tags], [])
IO.inspect(users)
IO.inspect(get_in(%{list: [%{v: 1}, %{v: 2}]}, [:list, Access.all(), :v]))
IO.inspect(update_in(%{list: [%{v: 1}, %{v: 2}]}, [:list, Access.all(), :v], &(&1 * 10)))
IO.inspect(get_in([a: [b: 1]], [:a, :b]))
IO.inspect(put_in([a: [b: 1]], [:a, :c], 2))
