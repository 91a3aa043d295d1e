lookup = fn
  :user -> {:ok, %{name: "ann", role: :admin}}
  :guest -> {:ok, %{name: "guest"}}
  :ghost -> :error
  _ -> {:error, :unknown}
end
describe = fn who ->
  with {:ok, user} <- lookup.(who),
       %{role: role} <- user do
    "#{user.name} is #{role}"
  else
    :error -> "no such user"
    {:error, reason} -> "error: #{reason}"
    %{name: name} -> "#{name} has no role"
  end
end
Enum.each([:user, :guest, :ghost, :other], &IO.puts(describe.(&1)))
