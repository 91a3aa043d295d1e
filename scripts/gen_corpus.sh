#!/usr/bin/env bash
# Regenerates the expected outputs of the Elixir corpus (tests/lang/corpus/) with the real
# `elixir`: for each program NAME.exs it writes NAME.stdout, NAME.stderr (normalised: the
# stacktrace under an uncaught error is dropped, see tests/lang/corpus/README.md) and NAME.status.
#
#   scripts/gen_corpus.sh                         every program
#   scripts/gen_corpus.sh tests/lang/corpus/enum  the programs under the given files or folders
#   scripts/gen_corpus.sh --update-known-failures rewrite known_failures.txt from a run of the
#                                                 harness (tests/lang_corpus.rs) on our interpreter
#
# Each program runs in its own folder as `elixir NAME.exs`, so the file name errors and warnings
# mention is NAME.exs, the name the harness gives run_script.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=tests/lang/corpus
ELIXIR=${ELIXIR:-elixir}

if [[ "${1:-}" == "--update-known-failures" ]]; then
    UPDATE_KNOWN_FAILURES=1 cargo test --test lang_corpus -- --nocapture
    exit
fi

# The one program run: NAME.exs -> NAME.stdout, NAME.stderr, NAME.status.
run_one() {
    local path=$1 dir name status
    dir=$(dirname "$path")
    name=$(basename "$path" .exs)
    set +e
    (cd "$dir" && timeout 60 "$ELIXIR" "$name.exs" >"$name.stdout" 2>"$name.stderr.raw" </dev/null)
    status=$?
    set -e
    echo "$status" >"$dir/$name.status"
    normalise_stderr <"$dir/$name.stderr.raw" >"$dir/$name.stderr"
    rm -f "$dir/$name.stderr.raw"
    if grep -q '^warning:' "$dir/$name.stderr"; then
        echo "warning printed by $path" >&2
    fi
}

# Drops the stacktrace Elixir prints under an uncaught `** (...)` error: the trailing lines that
# start with exactly four spaces and then a non-space (`    file.exs:3: (file)`,
# `    (elixir 1.14.0) lib/code.ex:...`, `    :erlang.+(1, :a)`). The same rule as
# `normalise_stderr` in tests/lang_corpus.rs.
normalise_stderr() {
    awk '{ lines[NR] = $0 }
         END {
             n = NR
             while (n > 0 && lines[n] ~ /^    [^ ]/) n--
             for (i = 1; i <= n; i++) print lines[i]
         }'
}
export -f run_one normalise_stderr
export ELIXIR

if [[ $# -eq 0 ]]; then
    set -- "$CORPUS"
    # The script runner's test (tests/lang_cli.rs) compares its refusal of a missing file with this.
    (cd tests/lang/cli && { "$ELIXIR" no_such_file.exs 2>missing_file.stderr >/dev/null || true; })
fi
find "$@" -name '*.exs' | sort | xargs -P2 -I{} bash -c 'run_one "$1"' _ {}
echo "corpus: $(find "$@" -name '*.exs' | wc -l) programs regenerated" >&2
