//! The `largeprint` binary: parse the command line, run the library, print the summary,
//! exit with a code that says what failed (0 all converted, 1 some input failed, 2 bad usage).

use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use clap::Parser;

use largeprint::batch;
use largeprint::cli::{self, progress::Progress, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Convert(args) => convert(&args),
        Command::Extract(args) => match extract(&args.page) {
            Ok(()) => cli::EXIT_OK,
            Err(e) => {
                eprintln!("largeprint: {e:#}");
                cli::EXIT_FAILED
            }
        },
        Command::Completions { shell } => {
            cli::completions(shell);
            cli::EXIT_OK
        }
        Command::Man => match cli::man_page() {
            Ok(page) => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(&page);
                cli::EXIT_OK
            }
            Err(e) => {
                eprintln!("largeprint: {e}");
                cli::EXIT_FAILED
            }
        },
    };
    ExitCode::from(code as u8)
}

fn read_stdin() -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("standard input cannot be read")?;
    Ok(bytes)
}

fn extract(page: &str) -> anyhow::Result<()> {
    let article = if largeprint::fetch::is_url(page) {
        let got = largeprint::fetch::get(page, largeprint::fetch::MAX_PAGE_BYTES)
            .map_err(anyhow::Error::msg)?;
        largeprint::extract::extract_fetched(&got.bytes, page, got.charset.as_deref())?
    } else {
        let bytes = if page == "-" {
            read_stdin()?
        } else {
            std::fs::read(page).with_context(|| format!("{page}: cannot be read"))?
        };
        largeprint::extract::extract(&bytes, page)?
    };
    let json = serde_json::to_string_pretty(&article.to_json())?;
    use std::io::Write;
    match writeln!(std::io::stdout().lock(), "{json}") {
        // A reader that stops early (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn convert(args: &cli::ConvertArgs) -> i32 {
    let plan = match cli::plan(args) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("largeprint: {e}");
            return cli::EXIT_USAGE;
        }
    };
    // Ctrl-C or SIGTERM: remove the outputs being written, so no truncated edition remains.
    let _ = ctrlc::set_handler(|| {
        batch::remove_partial_files();
        std::process::exit(130);
    });
    let start = Instant::now();
    let stdin = if args.inputs.iter().any(|i| i == "-") {
        match read_stdin() {
            Ok(b) => Some(Arc::new(b)),
            Err(e) => {
                eprintln!("largeprint: {e:#}");
                None
            }
        }
    } else {
        None
    };
    let inputs = batch::discover(&args.inputs, stdin);
    if let Err(e) = std::fs::create_dir_all(&plan.options.out_dir) {
        eprintln!(
            "largeprint: {}: the output folder cannot be created: {e}",
            plan.options.out_dir.display()
        );
        return cli::EXIT_FAILED;
    }
    batch::sweep_stale_partials(&plan.options.out_dir);
    let progress = Progress::new(inputs.len(), plan.quiet);
    let report = batch::run(inputs, &plan.options, &|o| progress.done(o));
    progress.finish();
    for item in report.items.iter().filter(|i| i.error.is_some()) {
        eprintln!("largeprint: {}", item.error.as_deref().unwrap_or_default());
    }
    if let Some(e) = report.edition.as_ref().and_then(|e| e.error.as_deref()) {
        eprintln!("largeprint: edition: {e}");
    }
    let json = match serde_json::to_vec_pretty(&report) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("largeprint: the report cannot be written: {e}");
            return cli::EXIT_FAILED;
        }
    };
    if let Err(e) = batch::write_atomic(&plan.report_path, &json) {
        eprintln!(
            "largeprint: {}: the report cannot be written: {e}",
            plan.report_path.display()
        );
        return cli::EXIT_FAILED;
    }
    if !plan.quiet {
        eprintln!(
            "{} converted, {} failed, {} warnings, {:.1} s (report: {})",
            report.succeeded,
            report.failed,
            report.warnings,
            start.elapsed().as_secs_f64(),
            plan.report_path.display()
        );
    }
    if report.all_ok() {
        cli::EXIT_OK
    } else {
        cli::EXIT_FAILED
    }
}
