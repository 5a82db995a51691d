//! The command line: clap definitions (raw arguments), their validation into
//! [`crate::batch::Options`], and the progress display. The binary in `main.rs` only wires
//! these together and turns the report into an exit code.

pub mod progress;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::layout::fonts::{FontFamily, Fonts};
use crate::layout::{PageSize, Style};

/// Exit code: every input converted.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one input failed (the others were still converted).
pub const EXIT_FAILED: i32 = 1;
/// Exit code: the command line was wrong; nothing was converted.
pub const EXIT_USAGE: i32 = 2;

/// Turns Vietnamese government portal bulletin pages into accessible large-print editions:
/// a tagged PDF (PDF/UA-1) and an EPUB 3 (EPUB Accessibility 1.1) whose page list matches the
/// PDF's pages.
#[derive(Debug, Parser)]
#[command(name = "largeprint", version, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 every input converted; 1 at least one input failed \
(the others were still converted); 2 bad usage.\n\nExample: largeprint convert samples/ -o out"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert pages (files, folders, web addresses, or - for standard input) into large-print
    /// PDF and EPUB.
    Convert(ConvertArgs),
    /// Print the article extracted from one page as JSON (title, date, blocks, warnings).
    Extract(ExtractArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) generated from these same definitions.
    Man,
}

/// `largeprint extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The saved page (.html, .htm, .aspx), an http:// or https:// address, or - for standard
    /// input.
    pub page: String,
}

/// Body text size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PageArg {
    /// ISO A4, 210 x 297 mm (the default).
    A4,
    /// US Letter, 8.5 x 11 in.
    Letter,
    /// ISO A5, 148 x 210 mm.
    A5,
}

/// `largeprint convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Pages to convert: files, folders (searched recursively for .html, .htm and .aspx
    /// pages), http:// or https:// addresses (the page and its images are downloaded), or - to
    /// read one page from standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Folder the editions and the report are written to (created if missing).
    #[arg(
        short = 'o',
        long = "out-dir",
        default_value = "out",
        value_name = "DIR"
    )]
    pub out_dir: PathBuf,

    /// Editions to make, comma separated: pdf, epub, or both.
    #[arg(long, default_value = "pdf,epub", value_name = "LIST")]
    pub format: String,

    /// Body text size in points: 18 (large print, the default), 24 or 32, or any size from 16.
    #[arg(long, default_value = "18", value_name = "PT")]
    pub size: f32,

    /// Paper size of the PDF edition.
    #[arg(long, value_enum, default_value = "a4")]
    pub page: PageArg,

    /// Font: andika (the default, built for legibility), noto-sans, or the path of a TTF/OTF
    /// file that covers every character of the pages.
    #[arg(long, default_value = "andika", value_name = "FONT")]
    pub font: String,

    /// Pages converted at once (default: one per processor core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Where to write the JSON report (default: <out-dir>/report.json).
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,

    /// Convert only the K-th of N shares of the inputs (e.g. 2/4), chosen by a stable hash of
    /// each input's path, so N machines convert an archive with no overlap and no gap.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,

    /// Bind all inputs into one PDF and one EPUB with this title (articles in date order).
    #[arg(long, value_name = "TITLE")]
    pub edition: Option<String>,

    /// Print nothing but errors (no progress bar, no summary line).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Options for `convert`, validated.
pub struct ConvertPlan {
    /// What the batch needs.
    pub options: crate::batch::Options,
    /// Where the report goes.
    pub report_path: PathBuf,
    /// No progress and no summary.
    pub quiet: bool,
}

/// Validates raw `convert` arguments. The error is a usage message (exit code 2).
pub fn plan(args: &ConvertArgs) -> Result<ConvertPlan, String> {
    let (mut pdf, mut epub) = (false, false);
    for f in args
        .format
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        match f.to_ascii_lowercase().as_str() {
            "pdf" => pdf = true,
            "epub" => epub = true,
            other => {
                return Err(format!(
                    "--format: unknown edition {other:?}; use pdf, epub or pdf,epub"
                ))
            }
        }
    }
    if !pdf && !epub {
        return Err("--format: name at least one of pdf, epub".into());
    }
    let page = match args.page {
        PageArg::A4 => PageSize::A4,
        PageArg::Letter => PageSize::Letter,
        PageArg::A5 => PageSize::A5,
    };
    let style = Style::new(args.size, page).map_err(|e| format!("--size: {e}"))?;
    let fonts = match args.font.to_ascii_lowercase().as_str() {
        "andika" => Fonts::bundled(FontFamily::Andika),
        "noto-sans" | "noto" => Fonts::bundled(FontFamily::NotoSans),
        _ => Fonts::from_file(std::path::Path::new(&args.font)),
    }
    .map_err(|e| format!("--font: {e}"))?;
    let jobs = match args.jobs {
        Some(0) => return Err("--jobs: must be at least 1".into()),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let shard = args
        .shard
        .as_deref()
        .map(crate::batch::Shard::parse)
        .transpose()
        .map_err(|e| format!("--shard: {e}"))?;
    if let Some(title) = &args.edition {
        if title.trim().is_empty() {
            return Err("--edition: the edition needs a title".into());
        }
    }
    let source_date_epoch = source_date_epoch()?;
    let report_path = args
        .report
        .clone()
        .unwrap_or_else(|| args.out_dir.join("report.json"));
    Ok(ConvertPlan {
        options: crate::batch::Options {
            out_dir: args.out_dir.clone(),
            convert: crate::pipeline::ConvertOptions {
                style,
                fonts,
                pdf,
                epub,
                source_date_epoch,
                pdf_file_name: String::new(),
            },
            jobs,
            shard,
            edition: args.edition.clone(),
        },
        report_path,
        quiet: args.quiet,
    })
}

/// SOURCE_DATE_EPOCH (reproducible-builds.org): the only clock the editions may show.
fn source_date_epoch() -> Result<Option<i64>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds")),
        _ => Ok(None),
    }
}

/// The manual page, rendered from the clap definitions.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    for sub in Cli::command().get_subcommands() {
        let name = format!("largeprint-{}", sub.get_name());
        let sub = sub.clone().name(name);
        clap_mangen::Man::new(sub).render(&mut out)?;
    }
    Ok(out)
}

/// Writes a shell completion script to standard output.
pub fn completions(shell: clap_complete::Shell) {
    use clap::CommandFactory;
    clap_complete::generate(
        shell,
        &mut Cli::command(),
        "largeprint",
        &mut std::io::stdout(),
    );
}
