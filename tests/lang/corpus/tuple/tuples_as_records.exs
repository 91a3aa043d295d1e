person = {:person, "Ann", 30}
{:person, name, age} = person
IO.puts("#{name} is #{age}")
older = put_elem(person, 2, age + 1)
IO.inspect(older)
people = [{:person, "Bo", 25}, person, {:person, "Cy", 35}]
IO.inspect(Enum.sort_by(people, &elem(&1, 2)))
IO.inspect(Enum.map(people, &elem(&1, 1)))
IO.inspect(List.keyfind(people, "Cy", 1))
