x = 1
x and true
