data = %{user: %{name: "Ann", roles: [:admin, :dev], address: {"Main St", 12}}}
%{user: %{name: name, roles: [first_role | _], address: {street, number}}} = data
IO.inspect({name, first_role, street, number})
[{:a, [x | _]}, {:b, %{k: y}}] = [{:a, [1, 2]}, {:b, %{k: 3}}]
IO.inspect(x + y)
{:reply, {:ok, %{count: count}}, _state} = {:reply, {:ok, %{count: 7}}, :s}
IO.inspect(count)
