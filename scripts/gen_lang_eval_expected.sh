#!/usr/bin/env bash
# Regenerates the expected outputs of tests/lang/eval/*.exs with the real `elixir` (1.14):
# <name>.stdout (verbatim), <name>.stderr (the `** (...)` error banner only: the message lines,
# not the stacktrace lines below them nor compiler warnings), <name>.status (exit status).
# tests/lang_eval.rs runs the same files through lang::run_script and compares.
set -euo pipefail
cd "$(dirname "$0")/../tests/lang/eval"
for f in *.exs; do
  name="${f%.exs}"
  set +e
  elixir "$f" > "$name.stdout" 2> "$name.stderr.raw"
  echo $? > "$name.status"
  set -e
  python3 - "$name.stderr.raw" > "$name.stderr" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().split("\n")
out, inside = [], False
stack = re.compile(r"^    (\(|[^ ]+:\d+: |[:\w.]+\.\S+\(.*\)$)")
for line in lines:
    if line.startswith("** ("):
        inside = True
    elif inside and stack.match(line):
        break
    if inside:
        out.append(line)
while out and out[-1] == "":
    out.pop()
print("\n".join(out), end="\n" if out else "")
PY
  rm "$name.stderr.raw"
done
