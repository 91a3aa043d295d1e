IO.inspect(List.to_string([?a, ?b]))
List.to_string([-1])
