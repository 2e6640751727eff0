//! `validate`: every diagnostic, grouped by stack.

use cfnkit_core::Diagnostics;
use serde_json::json;

use crate::app::Exit;
use crate::cli::Ctx;
use crate::cli::args::{ReportFormat, ValidateArgs};

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &ValidateArgs) -> Exit {
    let reports: Vec<(String, Diagnostics)> = ctx
        .app
        .synth()
        .stacks
        .into_iter()
        .map(|s| (s.name, s.result.map_or_else(|d| d, |ok| ok.warnings)))
        .collect();
    let errors: usize = reports.iter().map(|(_, d)| d.errors().count()).sum();
    let warnings: usize = reports.iter().map(|(_, d)| d.warnings().count()).sum();
    let written = match args.format {
        ReportFormat::Json => {
            let stacks: Vec<_> = reports
                .iter()
                .map(|(name, d)| json!({"stack": name, "diagnostics": d}))
                .collect();
            let report = json!({"errors": errors, "warnings": warnings, "stacks": stacks});
            ctx.out.write_all(cfnkit_core::to_json(&report).as_bytes())
        }
        ReportFormat::Text => text(ctx, &reports, errors, warnings),
    };
    if let Err(e) = written {
        return ctx.usage(format!("cannot write the report: {e}"));
    }
    if errors > 0 || (args.strict && warnings > 0) {
        Exit::Findings
    } else {
        Exit::Success
    }
}

fn text(
    ctx: &mut Ctx<'_>,
    reports: &[(String, Diagnostics)],
    errors: usize,
    warnings: usize,
) -> std::io::Result<()> {
    for (name, d) in reports {
        let e = d.errors().count();
        let w = d.warnings().count();
        writeln!(ctx.out, "stack {name}: {e} error(s), {w} warning(s)")?;
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
    }
    writeln!(
        ctx.out,
        "{errors} error(s), {warnings} warning(s) in {} stack(s)",
        reports.len()
    )
}
