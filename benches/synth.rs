//! `cargo bench`: what synth costs in-process, printed as markdown tables (BENCHMARKS.md).
//!
//! A plain `harness = false` program with a small timing loop of its own and a counting
//! global allocator (`stats_alloc`, one small crate without dependencies): no benchmark framework to compile (criterion and divan bring dozens
//! of crates and tens of seconds of build to every `cargo bench --no-run` in CI), and the
//! figures wanted here (median, min, max, allocations) need nothing more.
//!
//! ```sh
//! cargo bench --bench synth                 # every table
//! cargo bench --bench synth -- weather      # the cases whose name contains "weather"
//! cargo bench --bench synth -- "=scale n=200"   # that case alone
//! ```
//!
//! Each case runs once to warm up, then until it has run `MIN_RUNS` times and for at least
//! `MIN_TIME`; the table shows the median with min–max of those runs, and the heap
//! allocations of one run.

#![allow(clippy::print_stdout, missing_docs)]

use std::alloc::System;
use std::cell::LazyCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use cfnkit::App;
use cfnkit::apigateway::{CfnRestApi, deployment_hash};
use cfnkit::core::{Stack, Template};
use sha2::Digest;
use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};

#[path = "../examples/scale/stack.rs"]
mod scale;

/// Counts heap allocations: the system allocator behind `stats_alloc`'s counters (the
/// workspace forbids `unsafe`, which a counting allocator of our own would need).
#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const MIN_RUNS: usize = 11;
const MIN_TIME: Duration = Duration::from_millis(300);

/// One measured case.
struct Figure {
    median: Duration,
    min: Duration,
    max: Duration,
    runs: usize,
    allocations: u64,
    bytes: u64,
}

/// Runs `f` (setup excluded: `setup` makes its input each time, untimed). With
/// `BENCH_RUNS=k` (0 to 2) in the environment, runs setup twice and `f` exactly `k` times,
/// for instruction counts (tools/bench/instructions.sh: the difference of runs with k = 1
/// and k = 0 under callgrind).
fn measure<I, O>(mut setup: impl FnMut() -> I, mut f: impl FnMut(I) -> O) -> Figure {
    if let Some(k) = fixed_runs() {
        // Setup twice whatever k is, so that counts for k = 1 and k = 0 differ by one
        // run of `f` (and the drop of its output) alone.
        for i in 0..2 {
            let input = setup();
            if i < k {
                drop(black_box(f(input)));
            }
        }
        return Figure {
            median: Duration::ZERO,
            min: Duration::ZERO,
            max: Duration::ZERO,
            runs: k,
            allocations: 0,
            bytes: 0,
        };
    }
    // Warm-up, and the allocations of one run.
    let input = setup();
    let (a0, b0) = counters();
    drop(black_box(f(input)));
    let (a1, b1) = counters();
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < MIN_RUNS || started.elapsed() < MIN_TIME {
        let input = setup();
        let t = Instant::now();
        let out = f(input);
        times.push(t.elapsed());
        drop(black_box(out));
    }
    times.sort();
    Figure {
        median: times[times.len() / 2],
        min: times[0],
        max: times[times.len() - 1],
        runs: times.len(),
        allocations: a1 - a0,
        bytes: b1 - b0,
    }
}

/// Allocations (reallocations included) and bytes asked for so far.
fn fixed_runs() -> Option<usize> {
    std::env::var("BENCH_RUNS").ok()?.parse().ok()
}

fn counters() -> (u64, u64) {
    let stats = GLOBAL.stats();
    (
        (stats.allocations + stats.reallocations) as u64,
        (stats.bytes_allocated + stats.bytes_reallocated.max(0) as usize) as u64,
    )
}

fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us >= 10_000.0 {
        format!("{:.1} ms", us / 1000.0)
    } else if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.1} µs")
    }
}

struct Table {
    filter: Option<String>,
    header_printed: bool,
    title: &'static str,
}

impl Table {
    fn new(filter: &Option<String>, title: &'static str) -> Self {
        Table {
            filter: filter.clone(),
            header_printed: false,
            title,
        }
    }

    /// Whether the filter wants the case: `=name` exactly, otherwise a part of it.
    fn wants(&self, name: &str) -> bool {
        match self.filter.as_deref() {
            None => true,
            Some(f) => f
                .strip_prefix('=')
                .map_or(name.contains(f), |exact| name == exact),
        }
    }

    /// Measures and prints one row, if the filter wants it.
    fn row<I, O>(
        &mut self,
        name: &str,
        setup: impl FnMut() -> I,
        f: impl FnMut(I) -> O,
    ) -> Option<Figure> {
        if !self.wants(name) {
            return None;
        }
        if !self.header_printed {
            println!("\n### {}\n", self.title);
            println!("| case | median | min–max | runs | allocations | allocated |");
            println!("|---|---:|---:|---:|---:|---:|");
            self.header_printed = true;
        }
        let fig = measure(setup, f);
        println!(
            "| {name} | {} | {}–{} | {} | {} | {:.1} KiB |",
            fmt(fig.median),
            fmt(fig.min),
            fmt(fig.max),
            fig.runs,
            fig.allocations,
            fig.bytes as f64 / 1024.0
        );
        Some(fig)
    }
}

/// The template of a stack that synthesises (warnings allowed).
fn try_template(stack: Stack) -> Option<Template> {
    let synth = App::new("bench").stack(stack).synth();
    Some(synth.stacks.into_iter().next()?.result.ok()?.template)
}

/// The template of a stack that must synthesise.
fn template(stack: Stack) -> Template {
    try_template(stack).unwrap_or_else(|| {
        println!("synth failed");
        std::process::exit(1)
    })
}

/// What `App::run` does for a command line, output into a buffer.
fn run(app: &App, args: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let _ = app.run_from(args.iter().copied(), &mut out, &mut err);
    out
}

/// The first CfnRestApi of a stack.
fn rest_api(stack: &Stack) -> Option<CfnRestApi> {
    let model = stack.model();
    let (_, api) = model.resources_of::<CfnRestApi>().next()?;
    Some(api.into_owned())
}

/// The per-N slope and the doubling ratio of synth on the model (the command line's synth
/// and write, the stack built beforehand, untimed), from runs at N = 100, 200 and 400
/// taken in turn (so that a change of load on a shared machine hits every N alike):
/// from the medians of 31 rounds, and from the fastest run of each N (noise on a shared
/// machine only ever adds time to a run, so the minimum is the steadiest estimate).
fn slopes(minify: bool) {
    let args: &[&str] = if minify {
        &["s", "synth", "--minify"]
    } else {
        &["s"]
    };
    let ns = [100, 200, 400];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); ns.len()];
    let mut allocations = vec![0u64; ns.len()];
    for round in 0..31 {
        for (i, &n) in ns.iter().enumerate() {
            let app = App::new("scale").stack(scale::stack(n));
            let (a0, _) = counters();
            let t = Instant::now();
            drop(black_box(run(&app, args)));
            times[i].push(t.elapsed());
            if round == 0 {
                allocations[i] = counters().0 - a0;
            }
        }
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64()
    };
    let m: Vec<f64> = times.iter_mut().map(median).collect();
    let fastest: Vec<f64> = times.iter().map(|v| v[0].as_secs_f64()).collect();
    let flag = if minify { " synth --minify" } else { "" };
    for (a, b) in [(0, 1), (1, 2)] {
        let steps = (ns[b] - ns[a]) as f64;
        println!(
            "\nslope of synth{flag} {}→{} (alternating runs): {:.1} µs per N; time({})/time({}) = {:.2} (fastest runs: {:.1} µs per N, ratio {:.2}); allocations per N: {:.0}",
            ns[a],
            ns[b],
            (m[b] - m[a]) / steps * 1e6,
            ns[b],
            ns[a],
            m[b] / m[a],
            (fastest[b] - fastest[a]) / steps * 1e6,
            fastest[b] / fastest[a],
            (allocations[b] as f64 - allocations[a] as f64) / steps,
        );
    }
}

/// The largest `n` whose pretty template synthesises within CloudFormation's 1,000,000
/// bytes.
fn quota_n() -> usize {
    let fits =
        |n: usize| try_template(scale::stack(n)).is_some_and(|t| t.to_json().len() <= 1_000_000);
    let (mut lo, mut hi) = (1, 1000);
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    // Inputs shared by rows are made when a row first needs them (LazyCell, forced in
    // the row's untimed setup), so that a filtered run does only what its rows need.

    let mut t = Table::new(&filter, "weather stack (in-process)");
    t.row("weather build", || (), |()| weather::stack());
    let app = || App::new("weather").stack(weather::stack());
    t.row("weather synth", app, |app| app.synth());
    let tpl = LazyCell::new(|| template(weather::stack()));
    t.row("weather render json", || &*tpl, |tpl| tpl.to_json());
    t.row("weather render yaml", || &*tpl, |tpl| tpl.to_yaml());
    let api = LazyCell::new(|| rest_api(&weather::stack()));
    t.row(
        "weather deployment hash",
        || &*api,
        |api| api.as_ref().map(|api| deployment_hash(api, &[])),
    );
    let weather_app = LazyCell::new(app);
    t.row(
        "weather validate",
        || &*weather_app,
        |app| run(app, &["w", "validate"]),
    );
    t.row(
        "weather whole command (build + synth + json)",
        || (),
        |()| run(&app(), &["w"]),
    );

    // N = 400 is past CloudFormation's 1 MB for pretty JSON (synth then fails, having
    // also measured the minified size for its message) and past Cognito's 300 resource
    // servers per pool: the slope is taken on both pretty and `synth --minify` runs.
    let mut t = Table::new(&filter, "scale: build + synth + JSON, by N (in-process)");
    let quota = if t.wants("scale n=") { quota_n() } else { 0 };
    let mut cases: Vec<(usize, bool, String)> = Vec::new();
    for n in [1, 10, 100, 200, 400] {
        cases.push((n, false, format!("scale n={n}")));
    }
    if quota > 0 {
        cases.push((
            quota,
            false,
            format!("scale n={quota} (largest pretty template under 1 MB)"),
        ));
    }
    for n in [100, 200, 400] {
        cases.push((n, true, format!("scale n={n} synth --minify")));
    }
    for (n, minify, name) in cases {
        let args: &[&str] = if minify {
            &["s", "synth", "--minify"]
        } else {
            &["s"]
        };
        t.row(
            &name,
            || (),
            |()| run(&App::new("scale").stack(scale::stack(n)), args),
        );
    }
    if fixed_runs().is_none() && t.wants("scale n=") {
        slopes(false);
        slopes(true);
    }

    let mut t = Table::new(&filter, "scale n=200: phases and formats (in-process)");
    // Build and synth at 100 and 400 too: which phase bends as N doubles.
    for n in [100, 200, 400] {
        t.row(&format!("phase n={n} build"), || (), |()| scale::stack(n));
        let scale_app = || App::new("scale").stack(scale::stack(n));
        t.row(&format!("phase n={n} synth"), scale_app, |app| app.synth());
    }
    let tpl = LazyCell::new(|| template(scale::stack(200)));
    t.row(
        "phase n=200 render json (pretty)",
        || &*tpl,
        |tpl| tpl.to_json(),
    );
    t.row(
        "phase n=200 render yaml (cfnkit)",
        || &*tpl,
        |tpl| tpl.to_yaml(),
    );
    t.row(
        "phase n=200 yaml_serde alone, same tree",
        || &*tpl,
        |tpl| serde_yaml::to_string(tpl.as_json()),
    );
    let api = LazyCell::new(|| rest_api(&scale::stack(200)));
    t.row(
        "phase n=200 deployment hash",
        || &*api,
        |api| api.as_ref().map(|api| deployment_hash(api, &[])),
    );
    // The two costs of synth that grow with the Body, measured apart: its typed document
    // turned into the model's expression tree, and that tree hashed for the deployment id.
    t.row(
        "phase n=200 Body to Expr",
        || &*api,
        |api| api.as_ref().map(cfnkit::core::to_expr),
    );
    let properties = LazyCell::new(|| {
        let stack = scale::stack(200);
        let model = stack.model();
        let (id, _) = model.resources_of::<CfnRestApi>().next()?;
        Some(model.resource(id)?.properties().clone())
    });
    t.row(
        "phase n=200 hash of the RestApi's Expr",
        || &*properties,
        |expr| expr.as_ref().map(cfnkit::core::stable_hash_expr),
    );
    // The floor of that hash: SHA-256 alone over the canonical text it digests.
    let canonical = LazyCell::new(|| {
        properties
            .as_ref()
            .and_then(|p| match p {
                cfnkit::core::Expr::Map(map) => map.get("Body"),
                _ => None,
            })
            .map(|body| cfnkit::core::canonical_json(&body.to_json()))
    });
    t.row(
        "phase n=200 SHA-256 alone, of the same canonical text",
        || &*canonical,
        |text| text.as_deref().map(|t| sha2::Sha256::digest(t.as_bytes())),
    );
    let validated = LazyCell::new(|| App::new("scale").stack(scale::stack(200)));
    t.row(
        "phase n=200 validate",
        || &*validated,
        |app| run(app, &["s", "validate"]),
    );
}
