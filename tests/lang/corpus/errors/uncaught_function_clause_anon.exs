f = fn :a -> 1 end
f.(:b)
