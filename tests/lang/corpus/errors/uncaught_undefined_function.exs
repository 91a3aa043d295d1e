Enum.does_not_exist([1])
