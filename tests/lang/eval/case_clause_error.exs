case :x do
  :y -> 1
end
