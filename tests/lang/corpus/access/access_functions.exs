list = [%{name: "a", n: 1}, %{name: "b", n: 2}, %{name: "c", n: 3}]
IO.inspect(get_in(list, [Access.at(1), :name]))
IO.inspect(update_in(list, [Access.all(), :n], &(&1 * 10)))
IO.inspect(get_in(list, [Access.filter(&(&1.n > 1)), :name]))
IO.inspect(put_in(%{a: {1, 2}}, [:a, Access.elem(0)], :x))
IO.inspect(get_in(%{a: 1}, [Access.key(:b, %{}), :c]))
IO.inspect(Access.get(%{a: 1}, :a))
IO.inspect(Access.fetch([a: 1], :a))
IO.inspect(pop_in(%{a: %{b: 1, c: 2}}, [:a, :b]))
