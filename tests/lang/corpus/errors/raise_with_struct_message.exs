e = RuntimeError.exception("made by exception/1")
IO.inspect(e)
raise e
