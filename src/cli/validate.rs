//! `validate`: every diagnostic, grouped by stack, and the findings suppressions accepted
//! with their reasons.

use cfnkit_core::{Diagnostics, Suppressed};
use serde_json::json;

use crate::app::Exit;
use crate::cli::Ctx;
use crate::cli::args::{ReportFormat, ValidateArgs};

/// One stack's report.
struct Report {
    name: String,
    diagnostics: Diagnostics,
    suppressed: Vec<Suppressed>,
}

/// The totals over every stack.
#[derive(Default)]
struct Totals {
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
}

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &ValidateArgs) -> Exit {
    let reports: Vec<Report> = ctx
        .app
        .synth()
        .stacks
        .into_iter()
        .map(|s| Report {
            name: s.name,
            diagnostics: s.result.map_or_else(|d| d, |ok| ok.warnings),
            suppressed: s.suppressed,
        })
        .collect();
    let mut totals = Totals::default();
    for r in &reports {
        totals.errors += r.diagnostics.errors().count();
        totals.warnings += r.diagnostics.warnings().count();
        totals.infos += r.diagnostics.infos().count();
        totals.suppressed += r.suppressed.len();
    }
    let written = match args.format {
        ReportFormat::Json => {
            let stacks: Vec<_> = reports
                .iter()
                .map(|r| {
                    json!({
                        "stack": r.name,
                        "diagnostics": r.diagnostics,
                        "suppressed": r.suppressed,
                    })
                })
                .collect();
            let report = json!({
                "errors": totals.errors,
                "warnings": totals.warnings,
                "infos": totals.infos,
                "suppressed": totals.suppressed,
                "stacks": stacks,
            });
            ctx.out.write_all(cfnkit_core::to_json(&report).as_bytes())
        }
        ReportFormat::Text => text(ctx, &reports, &totals),
    };
    if let Err(e) = written {
        return ctx.usage(format!("cannot write the report: {e}"));
    }
    // Infos never fail validate, not even with --strict.
    if totals.errors > 0 || (args.strict && totals.warnings > 0) {
        Exit::Findings
    } else {
        Exit::Success
    }
}

fn text(ctx: &mut Ctx<'_>, reports: &[Report], totals: &Totals) -> std::io::Result<()> {
    for r in reports {
        let d = &r.diagnostics;
        writeln!(
            ctx.out,
            "stack {}: {}",
            r.name,
            counts(
                d.errors().count(),
                d.warnings().count(),
                d.infos().count(),
                r.suppressed.len()
            )
        )?;
        for diag in d {
            writeln!(
                ctx.out,
                "  {}[{}]: {}: {}",
                ctx.style.severity(diag.severity),
                diag.rule,
                diag.location.path,
                diag.message
            )?;
        }
        for s in &r.suppressed {
            writeln!(
                ctx.out,
                "  {}[{}]: {}: {}\n    reason: {}",
                ctx.style.paint("2", "suppressed"),
                s.finding.rule,
                s.finding.location.path,
                s.finding.message,
                s.reason
            )?;
        }
    }
    writeln!(
        ctx.out,
        "{} in {} stack(s)",
        counts(
            totals.errors,
            totals.warnings,
            totals.infos,
            totals.suppressed
        ),
        reports.len()
    )
}

fn counts(errors: usize, warnings: usize, infos: usize, suppressed: usize) -> String {
    format!("{errors} error(s), {warnings} warning(s), {infos} info, {suppressed} suppressed")
}
