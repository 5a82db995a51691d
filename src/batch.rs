//! The batch driver: many inputs converted in parallel (rayon), one [`Outcome`] each, one
//! [`Report`] for the run.
//!
//! One bad input never stops a batch: it becomes a failed item with its reason. Outputs are
//! written to a temporary name in the output folder and renamed when complete, so an
//! interrupted run never leaves a truncated edition behind. Names are decided before any
//! conversion starts, in input order, so the same inputs give the same names (and bytes) with
//! one thread or many. This module never prints and never exits; the binary does both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{Article, Book};
use crate::pipeline::{self, ConvertOptions};
use crate::text;

/// File extensions taken as pages when a folder is searched.
pub const PAGE_EXTENSIONS: [&str; 3] = ["html", "htm", "aspx"];

/// One input of a batch, as discovered from the command line.
#[derive(Debug, Clone)]
pub enum Input {
    /// A page file.
    File(PathBuf),
    /// A page read from standard input (its bytes).
    Stdin(Arc<Vec<u8>>),
    /// A page read over HTTP(S), with its images.
    Url(String),
    /// An argument that names nothing usable; converting it fails with this reason.
    Invalid {
        /// The argument as given.
        arg: String,
        /// Why it cannot be converted.
        reason: String,
    },
}

impl Input {
    /// How the input is named in the report and in messages.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin(_) => "-".to_string(),
            Input::Url(url) => url.clone(),
            Input::Invalid { arg, .. } => arg.clone(),
        }
    }
}

/// Expands command-line arguments into inputs: a file is itself, a folder is every page below
/// it (`.html`, `.htm`, `.aspx`, sorted by path, so the order never depends on the file
/// system), `-` is standard input (read by the caller and passed as `stdin`), an `http://` or
/// `https://` address is a page on the web (read when it is converted).
pub fn discover(args: &[String], stdin: Option<Arc<Vec<u8>>>) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in args {
        if crate::fetch::is_url(arg) {
            out.push(Input::Url(arg.trim().to_string()));
            continue;
        }
        if arg == "-" {
            match &stdin {
                Some(bytes) => out.push(Input::Stdin(bytes.clone())),
                None => out.push(Input::Invalid {
                    arg: arg.clone(),
                    reason: "standard input was not readable".into(),
                }),
            }
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let mut pages = Vec::new();
            let mut problems = Vec::new();
            walk_pages(&path, &mut pages, &mut problems);
            pages.sort();
            if pages.is_empty() && problems.is_empty() {
                out.push(Input::Invalid {
                    arg: arg.clone(),
                    reason: "the folder holds no .html, .htm or .aspx page".into(),
                });
            }
            out.extend(pages.into_iter().map(Input::File));
            out.extend(problems);
        } else if path.is_file() {
            out.push(Input::File(path));
        } else {
            out.push(Input::Invalid {
                arg: arg.clone(),
                reason: "no such file or folder".into(),
            });
        }
    }
    out
}

/// Iterative folder walk (no recursion, so a deep tree cannot overflow the stack).
fn walk_pages(root: &Path, pages: &mut Vec<PathBuf>, problems: &mut Vec<Input>) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Input::Invalid {
                    arg: dir.display().to_string(),
                    reason: format!("the folder cannot be read: {e}"),
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if is_page(&path) {
                pages.push(path);
            }
        }
    }
}

fn is_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| PAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
}

/// The K-th of N shares of a batch (`--shard K/N`, K counted from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which share, 1..=count.
    pub index: u32,
    /// How many shares.
    pub count: u32,
}

impl Shard {
    /// Parses `K/N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("shard {s:?} is not of the form K/N, e.g. 1/3"))?;
        let index: u32 = k
            .trim()
            .parse()
            .map_err(|_| format!("shard {s:?}: {k:?} is not a number"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard {s:?}: {n:?} is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!(
                "shard {s:?}: K must be between 1 and N, and N at least 1"
            ));
        }
        Ok(Shard { index, count })
    }

    /// Whether this share converts the input named `key`: a stable hash of the input's path
    /// (SHA-256, not the platform hasher) so every machine of a CI matrix agrees.
    pub fn contains(&self, key: &str) -> bool {
        let digest = Sha256::digest(key.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        (u64::from_be_bytes(first) % u64::from(self.count)) as u32 == self.index - 1
    }
}

/// What to make and where.
#[derive(Clone)]
pub struct Options {
    /// The folder outputs are written to (created when missing).
    pub out_dir: PathBuf,
    /// Layout, fonts and formats.
    pub convert: ConvertOptions,
    /// Threads (at least 1).
    pub jobs: usize,
    /// Convert only this share of the inputs.
    pub shard: Option<Shard>,
    /// Bind every input into one edition with this title.
    pub edition: Option<String>,
}

/// The files one item produced.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Outputs {
    /// The PDF edition's path.
    pub pdf: Option<String>,
    /// The EPUB edition's path.
    pub epub: Option<String>,
}

/// Whether an input converted.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every requested edition was written.
    Ok,
    /// Nothing was written for this input; see `error`.
    Failed,
}

/// The result of one input, as it appears in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The input as named on the command line (or found in a folder).
    pub input: String,
    /// Converted or failed.
    pub status: Status,
    /// The article's title, when extraction got that far.
    pub title: Option<String>,
    /// The article's date (ISO 8601), when known.
    pub date: Option<String>,
    /// The files written.
    pub outputs: Outputs,
    /// Pages of the PDF edition.
    pub pdf_pages: Option<usize>,
    /// Things a person should check (no image description, mojibake, a missing image).
    pub warnings: Vec<String>,
    /// Why the input failed.
    pub error: Option<String>,
    /// Milliseconds spent on this input.
    pub ms: u64,
}

impl Outcome {
    fn failed(input: String, error: String, ms: u64) -> Outcome {
        Outcome {
            input,
            status: Status::Failed,
            title: None,
            date: None,
            outputs: Outputs::default(),
            pdf_pages: None,
            warnings: Vec::new(),
            error: Some(error),
            ms,
        }
    }
}

/// The combined edition of a run with `--edition`.
#[derive(Debug, Clone, Serialize)]
pub struct EditionReport {
    /// Its title.
    pub title: String,
    /// The files written.
    pub outputs: Outputs,
    /// Pages of the PDF edition.
    pub pdf_pages: Option<usize>,
    /// Why it could not be made, if it could not.
    pub error: Option<String>,
}

/// The machine-readable account of a run (`report.json`), documented in the README.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Inputs considered (after `--shard`).
    pub inputs: usize,
    /// Inputs converted.
    pub succeeded: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Warnings over all items.
    pub warnings: usize,
    /// One item per input, in input order.
    pub items: Vec<Outcome>,
    /// The combined edition, with `--edition`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<EditionReport>,
}

impl Report {
    fn from_items(items: Vec<Outcome>, edition: Option<EditionReport>) -> Report {
        let succeeded = items.iter().filter(|o| o.status == Status::Ok).count();
        Report {
            inputs: items.len(),
            succeeded,
            failed: items.len() - succeeded,
            warnings: items.iter().map(|o| o.warnings.len()).sum(),
            items,
            edition,
        }
    }

    /// Whether every input converted (and the edition, if one was asked for).
    pub fn all_ok(&self) -> bool {
        self.failed == 0 && self.edition.as_ref().is_none_or(|e| e.error.is_none())
    }
}

/// Runs a batch. `progress` is called once per finished input (from worker threads).
pub fn run(inputs: Vec<Input>, opts: &Options, progress: &(dyn Fn(&Outcome) + Sync)) -> Report {
    let inputs: Vec<Input> = match opts.shard {
        Some(shard) => inputs
            .into_iter()
            .filter(|i| shard.contains(&i.display()))
            .collect(),
        None => inputs,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build();
    let work = || match &opts.edition {
        Some(title) => run_edition(&inputs, title, opts, progress),
        None => run_each(&inputs, opts, progress),
    };
    match pool {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Reads and extracts one input.
fn read_article(input: &Input) -> Result<Article, String> {
    match input {
        Input::File(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| format!("{}: cannot be read: {e}", path.display()))?;
            crate::extract::extract(&bytes, &path.display().to_string()).map_err(|e| e.to_string())
        }
        Input::Stdin(bytes) => crate::extract::extract(bytes, "-").map_err(|e| e.to_string()),
        Input::Url(url) => {
            let page = crate::fetch::get(url, crate::fetch::MAX_PAGE_BYTES)?;
            crate::extract::extract_fetched(&page.bytes, url, page.charset.as_deref())
                .map_err(|e| e.to_string())
        }
        Input::Invalid { arg, reason } => Err(format!("{arg}: {reason}")),
    }
}

/// The output base name of an article: slug of the title plus the date.
pub fn base_name(article: &Article) -> String {
    let slug = text::slug(&article.meta.title);
    match &article.meta.date {
        Some(date) => format!("{slug}-{date}"),
        None => slug,
    }
}

/// Gives every item a distinct name: the first of a group of equal names keeps it, the
/// others get `-2`, `-3`, ... in input order, so no output overwrites another in one run.
fn distinct_names(bases: &[Option<String>]) -> Vec<Option<String>> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut taken: std::collections::BTreeSet<String> = bases.iter().flatten().cloned().collect();
    bases
        .iter()
        .map(|b| {
            let base = b.as_ref()?;
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                return Some(base.clone());
            }
            let mut k = *n;
            loop {
                let candidate = format!("{base}-{k}");
                if taken.insert(candidate.clone()) {
                    return Some(candidate);
                }
                k += 1;
            }
        })
        .collect()
}

fn run_each(inputs: &[Input], opts: &Options, progress: &(dyn Fn(&Outcome) + Sync)) -> Report {
    // Pass 1 decides every name before anything is written; the Articles are dropped again
    // so memory stays flat however large the batch.
    let bases: Vec<Option<String>> = inputs
        .par_iter()
        .map(|i| read_article(i).ok().map(|a| base_name(&a)))
        .collect();
    let names = distinct_names(&bases);
    let items: Vec<Outcome> = inputs
        .par_iter()
        .zip(names.par_iter())
        .map(|(input, name)| {
            let outcome = convert_one(input, name.as_deref(), opts);
            progress(&outcome);
            outcome
        })
        .collect();
    Report::from_items(items, None)
}

fn convert_one(input: &Input, name: Option<&str>, opts: &Options) -> Outcome {
    let start = Instant::now();
    let article = match read_article(input) {
        Ok(a) => a,
        Err(e) => return Outcome::failed(input.display(), e, elapsed_ms(start)),
    };
    let name = name.map_or_else(|| base_name(&article), str::to_string);
    let title = article.meta.title.clone();
    let date = article.meta.date.clone();
    let book = Book::single(article);
    let result = write_book(&book, &name, opts);
    let ms = elapsed_ms(start);
    match result {
        Ok((outputs, pdf_pages, warnings)) => Outcome {
            input: input.display(),
            status: Status::Ok,
            title: Some(title),
            date,
            outputs,
            pdf_pages,
            warnings,
            error: None,
            ms,
        },
        Err(e) => Outcome {
            title: Some(title),
            date,
            ..Outcome::failed(input.display(), format!("{}: {e}", input.display()), ms)
        },
    }
}

/// Converts a book and writes its editions as `<name>.pdf` / `<name>.epub`.
fn write_book(
    book: &Book,
    name: &str,
    opts: &Options,
) -> Result<(Outputs, Option<usize>, Vec<String>), String> {
    let mut convert = opts.convert.clone();
    convert.pdf_file_name = format!("{name}.pdf");
    let editions = pipeline::convert_book(book, &convert).map_err(|e| e.to_string())?;
    let mut outputs = Outputs::default();
    if let Some(pdf) = &editions.pdf {
        let path = opts.out_dir.join(format!("{name}.pdf"));
        write_atomic(&path, pdf).map_err(|e| format!("{}: {e}", path.display()))?;
        outputs.pdf = Some(path.display().to_string());
    }
    if let Some(epub) = &editions.epub {
        let path = opts.out_dir.join(format!("{name}.epub"));
        write_atomic(&path, epub).map_err(|e| format!("{}: {e}", path.display()))?;
        outputs.epub = Some(path.display().to_string());
    }
    let pages = editions.pdf.as_ref().map(|_| editions.pdf_pages);
    Ok((outputs, pages, editions.warnings))
}

fn run_edition(
    inputs: &[Input],
    title: &str,
    opts: &Options,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Report {
    let start = Instant::now();
    let read: Vec<Result<Article, String>> = inputs.par_iter().map(read_article).collect();
    let mut items = Vec::with_capacity(inputs.len());
    let mut articles: Vec<(usize, Article)> = Vec::new();
    for (i, (input, r)) in inputs.iter().zip(read).enumerate() {
        match r {
            Ok(article) => {
                items.push(Outcome {
                    input: input.display(),
                    status: Status::Ok,
                    title: Some(article.meta.title.clone()),
                    date: article.meta.date.clone(),
                    outputs: Outputs::default(),
                    pdf_pages: None,
                    warnings: article.warnings.clone(),
                    error: None,
                    ms: 0,
                });
                articles.push((i, article));
            }
            Err(e) => items.push(Outcome::failed(input.display(), e, 0)),
        }
    }
    // Date order, then input order: an undated article goes last (UKAAF asks nothing here;
    // a weekly bulletin is read in publication order).
    articles.sort_by(|(ia, a), (ib, b)| {
        let key = |d: &Option<String>| d.clone().unwrap_or_else(|| "9999".into());
        key(&a.meta.date).cmp(&key(&b.meta.date)).then(ia.cmp(ib))
    });
    let book = Book {
        edition_title: Some(title.to_string()),
        articles: articles.into_iter().map(|(_, a)| a).collect(),
    };
    let name = text::slug(title);
    let edition = if book.articles.is_empty() {
        EditionReport {
            title: title.to_string(),
            outputs: Outputs::default(),
            pdf_pages: None,
            error: Some("no input could be read, so the edition is empty".into()),
        }
    } else {
        match write_book(&book, &name, opts) {
            Ok((outputs, pdf_pages, warnings)) => {
                for item in items.iter_mut().filter(|o| o.status == Status::Ok) {
                    item.outputs = outputs.clone();
                    item.pdf_pages = pdf_pages;
                }
                // Image problems are found while converting the whole book; attach them to the
                // edition's first item so the count reaches the report.
                let extra: Vec<String> = warnings
                    .into_iter()
                    .filter(|w| !items.iter().any(|o| o.warnings.contains(w)))
                    .collect();
                if let Some(first) = items.iter_mut().find(|o| o.status == Status::Ok) {
                    first.warnings.extend(extra);
                }
                EditionReport {
                    title: title.to_string(),
                    outputs,
                    pdf_pages,
                    error: None,
                }
            }
            Err(e) => EditionReport {
                title: title.to_string(),
                outputs: Outputs::default(),
                pdf_pages: None,
                error: Some(e),
            },
        }
    };
    let ms = elapsed_ms(start);
    for item in &mut items {
        item.ms = ms;
        progress(item);
    }
    Report::from_items(items, Some(edition))
}

fn elapsed_ms(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Temporary files being written right now, removed by [`remove_partial_files`] when the
/// process is interrupted.
static IN_FLIGHT: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// The suffix of temporary output files.
pub const PARTIAL_SUFFIX: &str = ".largeprint-partial";

/// Writes `bytes` to a temporary file next to `path`, then renames it into place: a reader
/// (or a crash) never sees a truncated file under the final name.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(
        ".{file_name}.{}{PARTIAL_SUFFIX}",
        std::process::id()
    ));
    lock_in_flight().push(tmp.clone());
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    lock_in_flight().retain(|p| p != &tmp);
    result
}

fn lock_in_flight() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes the temporary files of writes that have not finished (called on Ctrl-C/SIGTERM).
pub fn remove_partial_files() {
    for path in lock_in_flight().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Removes temporary files that an earlier run, killed without a chance to clean up, left in
/// `dir` (only files with our own suffix).
pub fn sweep_stale_partials(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().ends_with(PARTIAL_SUFFIX) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_every_input_exactly_once() {
        let keys: Vec<String> = (0..200).map(|i| format!("pages/p{i}.html")).collect();
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { index: k, count: 3 }).collect();
        for key in &keys {
            let hits = shards.iter().filter(|s| s.contains(key)).count();
            assert_eq!(hits, 1, "{key}");
        }
        // Every share gets some work.
        for s in &shards {
            assert!(keys.iter().filter(|k| s.contains(k)).count() > 30);
        }
    }

    #[test]
    fn shard_parse_rejects_nonsense() {
        assert_eq!(Shard::parse("2/3"), Ok(Shard { index: 2, count: 3 }));
        assert!(Shard::parse("0/3").is_err());
        assert!(Shard::parse("4/3").is_err());
        assert!(Shard::parse("x").is_err());
    }

    #[test]
    fn colliding_names_become_distinct_in_input_order() {
        let bases = vec![
            Some("a".to_string()),
            None,
            Some("a".to_string()),
            Some("a-2".to_string()),
            Some("a".to_string()),
        ];
        let names = distinct_names(&bases);
        assert_eq!(
            names,
            vec![
                Some("a".into()),
                None,
                Some("a-3".into()),
                Some("a-2".into()),
                Some("a-4".into())
            ]
        );
    }

    #[test]
    fn atomic_write_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        write_atomic(&path, b"%PDF-1.7").unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["x.pdf".to_string()]);
    }
}
