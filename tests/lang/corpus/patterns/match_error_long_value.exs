{:ok, _} = Enum.map(1..40, &{:item, &1})
