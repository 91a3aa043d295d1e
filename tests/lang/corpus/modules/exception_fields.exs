defmodule HttpError do
  defexception [:status, message: "http error"]
end
e = struct(HttpError, status: 404)
IO.inspect(e)
IO.inspect(Exception.message(e))
IO.inspect(Exception.exception?(e))
e2 = HttpError.exception(status: 500, message: "server")
IO.inspect(e2)
raise e2
