Enum.map(Enum.count([1]), & &1)
