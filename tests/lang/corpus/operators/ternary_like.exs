check = fn n -> (n > 0 && :positive) || (n < 0 && :negative) || :zero end
IO.inspect(Enum.map([-1, 0, 5], check))
pick = fn val -> val || :default end
IO.inspect([pick.(nil), pick.(false), pick.(0), pick.("")])
IO.inspect(nil && nil.missing)
