#!/usr/bin/env bash
# Whole-process cost of the release weather example and the scale example against
# troposphere (and, with --cdk, AWS CDK v2), in alternating pairs: prepares what the
# comparison needs, then runs tools/bench/processes.py with the arguments given.
#
#   tools/bench/peers.sh                   # weather and scale N=200, cfnkit vs troposphere
#   tools/bench/peers.sh --n 400 --runs 51
#   tools/bench/peers.sh --cdk             # also CDK (npm ci in tools/bench/cdk first)
#
# Needs python3 (PyPI reachable once, for .venv-bench) and, for --cdk, node and npm.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
venv="$root/.venv-bench"
req="$root/tools/bench/requirements.txt"
if [ ! -f "$venv/.requirements" ] || ! cmp -s "$req" "$venv/.requirements"; then
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
    cp "$req" "$venv/.requirements"
fi
if [[ " $* " == *" --cdk "* ]] && [ ! -d tools/bench/cdk/node_modules ]; then
    (cd tools/bench/cdk && npm ci --no-audit --no-fund --ignore-scripts)
fi
cargo build --quiet --release --example weather_stack --example scale
exec python3 tools/bench/processes.py "$@"
