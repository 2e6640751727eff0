#!/usr/bin/env bash
# checkov on the templates cfnkit synthesises and on the OpenAPI Body of each REST API in
# them (checkov reads an API's Body only as a document of its own). Not part of CI: checkov
# is heavy (hundreds of packages); run it by hand and put the result in the README.
#
#   bash tools/checkov.sh                 # every example program's templates
#   bash tools/checkov.sh FILE.json...    # these templates
#
# checkov goes into its own venv, .venv-checkov (pinned in tools/checkov-requirements.txt),
# apart from the validators the tests use. It runs offline (no platform, no downloads).
# Prints checkov's report (failed checks only, without code blocks) and a line of totals;
# exits with checkov's status (1 when a check failed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="$root/.venv-checkov"
req="$root/tools/checkov-requirements.txt"
if [ ! -f "$venv/.requirements" ] || ! cmp -s "$req" "$venv/.requirements"; then
  command -v python3 >/dev/null || { echo "checkov.sh: python3 not found" >&2; exit 2; }
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
  cp "$req" "$venv/.requirements"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/scan/templates" "$work/scan/bodies"
if [ "$#" -gt 0 ]; then
  for template in "$@"; do cp "$template" "$work/scan/templates/"; done
else
  for example in examples/*.rs; do
    name="$(basename "$example" .rs)"
    if [ "$name" = weather_stack_l1 ]; then  # prints its template; no command line
      cargo run --quiet --example "$name" > "$work/scan/templates/$name.template.json"
    else
      cargo run --quiet --example "$name" -- synth --out "$work/$name" > /dev/null 2>&1
      for t in "$work/$name"/*.template.json; do
        cp "$t" "$work/scan/templates/$name.$(basename "$t")"
      done
    fi
  done
fi

# Each RestApi's Body, as the OpenAPI document checkov's openapi framework reads.
"$venv/bin/python" - "$work/scan/templates" "$work/scan/bodies" <<'PY'
import json, pathlib, sys
templates, bodies = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for path in sorted(templates.glob("*.json")):
    template = json.loads(path.read_text())
    for logical_id, resource in template.get("Resources", {}).items():
        body = resource.get("Properties", {}).get("Body")
        if resource.get("Type") == "AWS::ApiGateway::RestApi" and isinstance(body, dict):
            out = bodies / f"{path.stem}.{logical_id}.openapi.json"
            out.write_text(json.dumps(body, indent=2))
PY

echo "checkov $("$venv/bin/checkov" --version) on:" $(cd "$work/scan" && ls templates/* bodies/*)
status=0
"$venv/bin/checkov" --quiet --compact --skip-download --framework cloudformation openapi \
  --directory "$work/scan" > "$work/report.txt" 2>&1 || status=$?
sed "s#$work/scan/##g" "$work/report.txt"
echo "== totals"
grep -E 'scan results:|Passed checks:' "$work/report.txt" | paste - - | sed 's/ scan results://'
exit "$status"
