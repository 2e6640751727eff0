#!/usr/bin/env bash
# Creates (once) the Python venv with the pinned external validators in <repo>/.venv and
# prints its bin directory. Safe to run from several test processes at once (flock).
# Exit 1 when python3 or the package index is unavailable.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
req="$root/tools/requirements.txt"
stamp="$venv/.requirements"
exec 9>"$root/.venv.lock"
flock 9
if [ ! -f "$stamp" ] || ! cmp -s "$req" "$stamp"; then
  command -v python3 >/dev/null || { echo "ensure-venv: python3 not found" >&2; exit 1; }
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
  cp "$req" "$stamp"
fi
echo "$venv/bin"
