m = %{1 => :int, 1.0 => :float, "1" => :string, :one => :atom, [1] => :list, {1} => :tuple, %{} => :map}
IO.inspect(m)
IO.inspect(map_size(m))
IO.inspect(Map.keys(m))
IO.inspect(m[1.0])
