#!/usr/bin/env bash
# Regenerates tests/lang/parse/*.expected from real Elixir (see scripts/gen_parse_vectors.exs).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v elixir >/dev/null || { echo "gen_parse_vectors: elixir not found (scripts/setup.sh installs it)" >&2; exit 1; }
elixir scripts/gen_parse_vectors.exs
