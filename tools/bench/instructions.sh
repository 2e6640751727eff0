#!/usr/bin/env bash
# Instruction counts (callgrind) of the in-process benchmark cases: load-independent
# figures on a shared machine. For each case, the bench binary runs under callgrind with
# BENCH_RUNS=1 and BENCH_RUNS=0 (setup only); the difference is one run of the case.
#
#   tools/bench/instructions.sh                      # the default cases below
#   tools/bench/instructions.sh "scale n=400" ...    # cases by exact name (see cargo bench)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bin="$(cargo bench --bench synth --no-run 2>&1 \
    | sed -n 's/.*Executable .*(\(.*deps\/synth-[0-9a-f]*\)).*/\1/p' | tail -1)"
[ -x "$bin" ] || { echo "no bench binary found" >&2; exit 1; }
cases=("$@")
if [ ${#cases[@]} = 0 ]; then
    cases=(
        "weather whole command (build + synth + json)"
        "weather synth"
        "weather deployment hash"
        "scale n=200"
        "scale n=400"
        "phase n=200 build"
        "phase n=200 synth"
        "phase n=200 render json (pretty)"
        "phase n=200 render yaml (cfnkit)"
        "phase n=200 yaml_serde alone, same tree"
        "phase n=200 deployment hash"
    )
fi
count() {
    local out
    out="$(mktemp)"
    BENCH_RUNS="$2" valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "=$1" \
        > /dev/null 2> "$out.log"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out.log"
    rm -f "$out" "$out.log"
}
echo "| case | instructions (one run) |"
echo "|---|---:|"
for c in "${cases[@]}"; do
    one=$(count "$c" 1)
    none=$(count "$c" 0)
    printf '| %s | %s |\n' "$c" "$(echo "$one - $none" | bc | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')"
done
