route = fn req ->
  case req do
    %{method: "GET", path: path} ->
      case String.split(path, "/", trim: true) do
        [] -> :index
        ["users"] -> :users
        ["users", id] -> {:user, String.to_integer(id)}
        _ -> :not_found
      end
    %{method: m} -> {:method_not_allowed, m}
  end
end
IO.inspect(route.(%{method: "GET", path: "/"}))
IO.inspect(route.(%{method: "GET", path: "/users"}))
IO.inspect(route.(%{method: "GET", path: "/users/42"}))
IO.inspect(route.(%{method: "GET", path: "/x/y/z"}))
IO.inspect(route.(%{method: "POST", path: "/"}))
