#!/usr/bin/env bash
# The edit→template loop of two commits in turn: each gets a clone with its own target
# directory, built once (the clean `cargo run`, timed, one commit after the other); then
# RUNS rounds, each making the one-line change of build-cost.sh in one clone and timing
# `cargo run --example weather_stack`, then the same in the other. Alternating puts a change of the shared machine's load on both sides, which
# build-cost.sh (one commit after the other) cannot. Also times a `cargo run` with nothing
# to rebuild (cargo's own cost) the same way.
#
# usage: tools/bench/edit-loop-pair.sh BASE_REV [NEW_REV]   (NEW_REV: default HEAD)
#   RUNS   rounds (default 11)
set -euo pipefail
repo="$(git rev-parse --show-toplevel)"
base="${1:?usage: edit-loop-pair.sh BASE_REV [NEW_REV]}"
new="${2:-HEAD}"
runs="${RUNS:-11}"
work="$(mktemp -d /tmp/cfnkit-edit-pair.XXXXXX)"
trap 'rm -rf "$work"' EXIT
for side in base new; do
    rev="$base"; [ "$side" = new ] && rev="$new"
    git clone -q "$repo" "$work/$side"
    git -C "$work/$side" checkout -q "$(git -C "$repo" rev-parse "$rev")"
    echo "$side: $(git -C "$work/$side" rev-parse --short HEAD)"
    (cd "$work/$side" && cargo fetch -q && CARGO_TARGET_DIR="$work/$side-target" \
        /usr/bin/time -f "$side: clean cargo run %e s wall, %U s user (load $(cut -d' ' -f1 /proc/loadavg))" \
        cargo run -q --example weather_stack > /dev/null)
done

# Prints the wall time of `cargo run` in clone $1, after the description edit if $2 = edit.
timed_run() {
    local dir="$work/$1" stack="$work/$1/examples/weather/src/stack.rs"
    if [ "$2" = edit ]; then
        if grep -q 'Weather Events REST API secured' "$stack"; then
            sed -i 's/Weather Events REST API secured/Weather events REST API secured/' "$stack"
        else
            sed -i 's/Weather events REST API secured/Weather Events REST API secured/' "$stack"
        fi
    fi
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && CARGO_TARGET_DIR="$work/$1-target" cargo run -q --example weather_stack > /dev/null)
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

summary() {
    sort -n | awk '{a[NR]=$1} END {printf "median %.3f s (%.3f–%.3f), %d runs\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for what in edit noop; do
    : > "$work/base.$what"; : > "$work/new.$what"
    for _ in $(seq 1 "$runs"); do
        timed_run base "$what" >> "$work/base.$what"
        timed_run new "$what" >> "$work/new.$what"
    done
    label="edit→template"; [ "$what" = noop ] && label="nothing to rebuild"
    echo "$label, base: $(summary < "$work/base.$what")"
    echo "$label, new:  $(summary < "$work/new.$what")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
