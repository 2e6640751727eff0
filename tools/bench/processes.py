"""Whole-process cost of cfnkit against its peers, in alternating pairs.

    python3 tools/bench/processes.py [--runs 31] [--n 200] [--cdk]

Runs each workload's commands in turn (cfnkit, troposphere[, CDK], cfnkit, …) so that
a load change on this shared machine hits both sides alike, each round starting with the
next command (the first of a round runs on caches the previous round's peer evicted),
and prints, per command, the
median with min–max of wall time, CPU time (user + system) and peak RSS, then the
ratios peer / cfnkit of the medians. Wall time is taken around posix_spawn and wait4 of
the child (exec included), CPU time from the child's rusage, peak RSS from GNU time.
Standard library only.

It expects the release examples (`cargo build --release --example weather_stack
--example scale`), troposphere in .venv-bench
(tools/bench/requirements.txt) and, with --cdk, tools/bench/cdk/node_modules (npm ci in
tools/bench/cdk); tools/bench/peers.sh prepares all of it and runs this.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def run_once(argv, cwd=ROOT):
    """Wall and CPU seconds of one run, and its peak RSS in MiB.

    The child is started with posix_spawn (vfork and exec: no copy of this Python
    process, whose fork would add milliseconds to a small program's wall and CPU time).
    The peak RSS comes from a second run under GNU time: a child of this process inherits
    its high-water mark through exec (Linux keeps the larger of the two), so rusage would
    report Python's RSS for a small program; GNU time is a small C program."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
        program = argv[0] if os.path.sep in argv[0] else shutil.which(argv[0])
        previous = os.getcwd()
        os.chdir(cwd)
        try:
            start = time.perf_counter()
            pid = os.posix_spawn(program, argv, os.environ, file_actions=actions)
            _, status, usage = os.wait4(pid, 0)
            wall = time.perf_counter() - start
        finally:
            os.chdir(previous)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise SystemExit(f"{' '.join(argv)} exited {code}")
        with tempfile.NamedTemporaryFile("r") as peak:
            subprocess.run(
                ["/usr/bin/time", "-f", "%M", "-o", peak.name, *argv],
                stdout=null,
                stderr=null,
                cwd=cwd,
                check=True,
            )
            peak_kib = int(peak.read().strip().splitlines()[-1])
    finally:
        os.close(null)
    return wall, usage.ru_utime + usage.ru_stime, peak_kib / 1024.0


def summary(values):
    return statistics.median(values), min(values), max(values)


def fmt_time(seconds):
    ms = seconds * 1000
    return f"{ms:.1f} ms" if ms >= 10 else f"{ms:.2f} ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--cdk", action="store_true", help="also run the CDK app (node)")
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        help="also run the release examples of another build (its target directory), e.g. "
        "of the commit before an optimisation, in the same alternating loop",
    )
    args = parser.parse_args()

    release = os.path.join(target_dir(), "release", "examples")
    python = os.path.join(ROOT, ".venv-bench", "bin", "python")
    tropo = os.path.join(ROOT, "tools", "bench", "troposphere_stacks.py")
    cdk_app = os.path.join(ROOT, "tools", "bench", "cdk", "app.js")
    base = os.path.join(args.baseline, "release", "examples") if args.baseline else None
    baseline_weather = [("cfnkit baseline", [os.path.join(base, "weather_stack")])] if base else []
    baseline_scale = [("cfnkit baseline", [os.path.join(base, "scale"), str(args.n)])] if base else []
    workloads = [
        (
            "weather",
            [
                ("cfnkit", [os.path.join(release, "weather_stack")]),
            ]
            + baseline_weather
            + [
                ("troposphere", [python, tropo, "weather"]),
            ]
            + ([("CDK", ["node", cdk_app, "weather"])] if args.cdk else []),
        ),
        (
            f"scale N={args.n}",
            [
                ("cfnkit", [os.path.join(release, "scale"), str(args.n)]),
            ]
            + baseline_scale
            + [
                ("troposphere", [python, tropo, "scale", str(args.n)]),
            ]
            + ([("CDK", ["node", cdk_app, "scale", str(args.n)])] if args.cdk else []),
        ),
    ]
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {args.runs} alternating runs each\n")
    print("| workload | program | wall median (min–max) | CPU median (min–max) | peak RSS median (min–max) |")
    print("|---|---|---:|---:|---:|")
    ratios = []
    for name, commands in workloads:
        for _, argv in commands:  # warm the page cache
            run_once(argv)
        results = {label: [] for label, _ in commands}
        runs = args.runs if not args.cdk else max(5, args.runs // 4)
        for round_ in range(runs):
            # Rotate who goes first: the program that runs right after a Python peer
            # pays for the caches it evicted, and that must not always be the same one.
            start = round_ % len(commands)
            for label, argv in commands[start:] + commands[:start]:
                results[label].append(run_once(argv))
        medians = {}
        for label, _ in commands:
            walls, cpus, rss = zip(*results[label])
            w, c, r = summary(walls), summary(cpus), summary(rss)
            medians[label] = (w[0], c[0], r[0])
            print(
                f"| {name} | {label} | {fmt_time(w[0])} ({fmt_time(w[1])}–{fmt_time(w[2])}) "
                f"| {fmt_time(c[0])} ({fmt_time(c[1])}–{fmt_time(c[2])}) "
                f"| {r[0]:.1f} MiB ({r[1]:.1f}–{r[2]:.1f}) |"
            )
        base = medians["cfnkit"]
        for label, _ in commands[1:]:
            m = medians[label]
            ratios.append(
                f"{name}: {label} / cfnkit = {m[0] / base[0]:.1f}× wall, "
                f"{m[1] / max(base[1], 1e-6):.1f}× CPU, {m[2] / base[2]:.1f}× peak RSS"
            )
    load = os.getloadavg()
    print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n")
    for line in ratios:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
