#!/usr/bin/env bash
# Build cost of the main command, as a new user meets it: a clean
# `cargo run --example weather_stack` in a fresh clone (own target dir, crates already
# downloaded: `cargo fetch` is not timed), then the edit→template loop: a one-line change
# of the weather stack's description in examples/weather/src/stack.rs, then `cargo run`
# again, RUNS times, alternating between two texts so that every run really rebuilds.
#
# usage: tools/bench/build-cost.sh [REPO_OR_CLONE_URL]
#   CARGO_ARGS   extra cargo arguments (default: none). For a baseline from before the
#                deploy tool (e.g. REV=87b6ebe), `--no-default-features` leaves out the
#                facade's old `smoke` feature and its HTTPS/TLS stack
#   NO_SMOKE_DEV=1  for such a baseline, also drop its `ureq` dev-dependency in the clone,
#                so that nothing TLS is compiled (today's facade has neither)
#   RUNS         edit→template runs (default 7)
#   REV          the commit to measure (default: the repository's HEAD), e.g. a baseline
# Prints one line per run and the medians. Timings are wall clock: say the machine's load.
set -euo pipefail
repo="${1:-$(git rev-parse --show-toplevel)}"
cargo_args="${CARGO_ARGS-}"
runs="${RUNS:-7}"
work="$(mktemp -d /tmp/cfnkit-build-cost.XXXXXX)"
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/clone"
cd "$work/clone"
[ -z "${REV:-}" ] || git checkout -q "$REV"
echo "commit: $(git rev-parse --short HEAD)"
if [ "${NO_SMOKE_DEV:-0}" = 1 ]; then
    sed -i '/^\[dev-dependencies\]/,/^\[/{/^ureq\.workspace/d}' Cargo.toml
fi
export CARGO_TARGET_DIR="$work/target"
cargo fetch -q
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f 'clean cargo run: %e s wall, %U s user, %S s sys, %M KiB peak' \
    cargo run -q $cargo_args --example weather_stack > "$work/t0.json"
stack=examples/weather/src/stack.rs
grep -q 'Weather Events REST API secured' "$stack"
walls=()
for i in $(seq 1 "$runs"); do
    if [ $((i % 2)) = 1 ]; then
        sed -i 's/Weather Events REST API secured/Weather events REST API secured/' "$stack"
    else
        sed -i 's/Weather events REST API secured/Weather Events REST API secured/' "$stack"
    fi
    start=$(date +%s.%N)
    cargo run -q $cargo_args --example weather_stack > "$work/t.json"
    end=$(date +%s.%N)
    cmp -s "$work/t.json" "$work/t0.json" && [ $((i % 2)) = 1 ] && { echo "template unchanged after edit" >&2; exit 1; }
    w=$(echo "$end - $start" | bc -l)
    walls+=("$w")
    printf 'edit→template run %d: %.3f s wall (load %s)\n' "$i" "$w" "$(cut -d' ' -f1 /proc/loadavg)"
done
printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "edit→template: median %.3f s, min %.3f s, max %.3f s (%d runs)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
