# The prelude: library functions written in Elixir, compiled by our own compiler when a
# machine starts. Functions that call back into Elixir code (Enum.map calling a fn that may
# `receive`) live here so that the machine can suspend inside them; first-order work is done
# by natives (Enum.to_list/1, :lists.reverse/1).

defmodule Kernel do
  def raise(message) when is_binary(message), do: :erlang.error(RuntimeError.exception(message))
  def raise(%{__exception__: true} = exception), do: :erlang.error(exception)
  def raise(module) when is_atom(module), do: :erlang.error(module.exception([]))

  def raise(other) do
    :erlang.error(ArgumentError.exception("raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: #{inspect(other)}"))
  end

  def raise(module, attrs) when is_atom(module), do: :erlang.error(module.exception(attrs))
  def reraise(exception, _stacktrace), do: raise(exception)

  # Nested access lives in the stdlib prelude (src/lang/stdlib/prelude/access.ex).
  def get_in(data, keys), do: Access.get_in(data, keys)
  def put_in(data, keys, value), do: Access.put_in(data, keys, value)
  def update_in(data, keys, fun), do: Access.update_in(data, keys, fun)
  def get_and_update_in(data, keys, fun), do: Access.get_and_update_in(data, keys, fun)
  def pop_in(data, keys), do: Access.pop_in(data, keys)
  def reraise(module, attrs, _stacktrace), do: raise(module, attrs)
  def then(value, fun), do: fun.(value)

  def tap(value, fun) do
    fun.(value)
    value
  end
end

defmodule RuntimeError do
  defexception message: "runtime error"
end

defmodule ArgumentError do
  defexception message: "argument error"
end

defmodule ArithmeticError do
  defexception message: "bad argument in arithmetic expression"
end

defmodule SystemLimitError do
  defexception message: "a system limit has been reached"
end

defmodule KeyError do
  defexception [:key, :term, :message]
end

defmodule MatchError do
  defexception [:term]
end

defmodule CaseClauseError do
  defexception [:term]
end

defmodule WithClauseError do
  defexception [:term]
end

defmodule TryClauseError do
  defexception [:term]
end

defmodule CondClauseError do
  defexception []
end

defmodule BadMapError do
  defexception [:term]
end

defmodule BadBooleanError do
  defexception [:term, :operator]
end

defmodule BadFunctionError do
  defexception [:term]
end

defmodule BadArityError do
  defexception [:function, :args]
end

defmodule BadStructError do
  defexception [:struct, :term]
end

defmodule FunctionClauseError do
  defexception [:module, :function, :arity, :kind, :args, :clauses]
end

defmodule UndefinedFunctionError do
  defexception [:module, :function, :arity, :reason, :message]
end

defmodule ErlangError do
  defexception [:original, :reason]
end

defmodule Protocol.UndefinedError do
  defexception [:protocol, :value, :description, :message]
end

defmodule Enum.EmptyError do
  defexception message: "empty error"
end

defmodule Enum.OutOfBoundsError do
  defexception message: "out of bounds error"
end

# Enum, Enumerable, Stream, Map, List and Keyword: src/lang/stdlib/prelude/*.ex.

defmodule Exception do
  def message(%module{} = exception), do: module.message(exception)
end
