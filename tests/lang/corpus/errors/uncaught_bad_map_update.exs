list = Enum.to_list(1..3)
%{list | a: 1}
