//! The user's view: the built binary run on folders, standard input, bad inputs, colliding
//! names, shards, thread counts and interruption, each in its own temporary folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_largeprint");

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The sample pages, sorted.
fn sample_pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(samples())
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .filter(|p| p.is_file())
        .collect();
    pages.sort();
    assert!(pages.len() >= 6, "expected at least six samples");
    pages
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The binary in `dir`, with no SOURCE_DATE_EPOCH and no proxy between it and the local
/// test server.
fn run(args: &[&str], dir: &Path) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH");
    for var in [
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ] {
        cmd.env_remove(var);
    }
    cmd.output().unwrap()
}

fn report(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn folder_input_converts_every_sample() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&samples(), &tmp.path().join("pages"));
    let out = run(&["convert", "pages", "-o", "out", "--quiet"], tmp.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&tmp.path().join("out/report.json"));
    let n = sample_pages().len() as u64;
    assert_eq!(r["inputs"], n);
    assert_eq!(r["succeeded"], n);
    assert_eq!(r["failed"], 0);
    for item in r["items"].as_array().unwrap() {
        assert_eq!(item["status"], "ok");
        for kind in ["pdf", "epub"] {
            let p = tmp.path().join(item["outputs"][kind].as_str().unwrap());
            assert!(p.is_file(), "{p:?}");
        }
        assert!(item["pdf_pages"].as_u64().unwrap() >= 1);
    }
    // Items come in input order: the folder's pages sorted by path.
    let inputs: Vec<&str> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["input"].as_str().unwrap())
        .collect();
    let mut sorted = inputs.clone();
    sorted.sort();
    assert_eq!(inputs, sorted);
}

#[test]
fn stdin_input_converts() {
    let tmp = tempfile::tempdir().unwrap();
    let page = std::fs::read(&sample_pages()[0]).unwrap();
    let mut child = Command::new(BIN)
        .args(["convert", "-", "-o", "out", "--quiet", "--format", "pdf"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&page).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&tmp.path().join("out/report.json"));
    assert_eq!(r["items"][0]["input"], "-");
    assert_eq!(r["items"][0]["status"], "ok");
    assert!(r["items"][0]["outputs"]["epub"].is_null());
    let pdfs: Vec<String> = files(&tmp.path().join("out"))
        .into_iter()
        .filter(|f| f.ends_with(".pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1);
}

#[test]
fn bad_inputs_fail_alone_and_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let good = sample_pages()[0].clone();
    std::fs::write(tmp.path().join("empty.html"), "<html><body></body></html>").unwrap();
    std::fs::write(
        tmp.path().join("binary.html"),
        [0u8, 159, 146, 150, 0, 1, 2],
    )
    .unwrap();
    let out = run(
        &[
            "convert",
            "empty.html",
            good.to_str().unwrap(),
            "missing.html",
            "binary.html",
            "-o",
            "out",
            "--quiet",
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.html"), "{stderr}");
    assert!(stderr.contains("missing.html"), "{stderr}");
    let r = report(&tmp.path().join("out/report.json"));
    assert_eq!(r["inputs"], 4);
    assert_eq!(r["succeeded"], 1);
    assert_eq!(r["failed"], 3);
    let items = r["items"].as_array().unwrap();
    let statuses: Vec<&str> = items
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["failed", "ok", "failed", "failed"]);
    for i in [0, 2, 3] {
        let err = items[i]["error"].as_str().unwrap();
        assert!(err.contains(items[i]["input"].as_str().unwrap()), "{err}");
        assert!(items[i]["outputs"]["pdf"].is_null());
    }
    assert!(items[1]["error"].is_null());
    // Only the good page's editions (and the report) were written.
    let written = files(&tmp.path().join("out"));
    assert_eq!(written.len(), 3, "{written:?}");
}

#[test]
fn colliding_names_get_distinct_files() {
    let tmp = tempfile::tempdir().unwrap();
    let page = &sample_pages()[0];
    let dir = page.parent().unwrap();
    copy_dir(dir, &tmp.path().join("a"));
    copy_dir(dir, &tmp.path().join("b"));
    let out = run(&["convert", "a", "b", "-o", "out", "--quiet"], tmp.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&tmp.path().join("out/report.json"));
    let a = r["items"][0]["outputs"]["pdf"].as_str().unwrap();
    let b = r["items"][1]["outputs"]["pdf"].as_str().unwrap();
    assert_ne!(a, b);
    assert!(b.ends_with("-2.pdf"), "{b}");
    let pdfs = files(&tmp.path().join("out"))
        .into_iter()
        .filter(|f| f.ends_with(".pdf"))
        .count();
    assert_eq!(pdfs, 2);
}

#[test]
fn three_shards_cover_every_input_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..4 {
        copy_dir(&samples(), &tmp.path().join(format!("pages/{i}")));
    }
    let mut seen = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let report_path = format!("r{k}.json");
        let out = run(
            &[
                "convert",
                "pages",
                "-o",
                "out",
                "--quiet",
                "--format",
                "epub",
                "--shard",
                &shard,
                "--report",
                &report_path,
            ],
            tmp.path(),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let r = report(&tmp.path().join(&report_path));
        for item in r["items"].as_array().unwrap() {
            seen.push(item["input"].as_str().unwrap().to_string());
        }
    }
    let total = 4 * sample_pages().len();
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(seen.len(), total, "some input was converted twice or never");
    assert_eq!(unique.len(), total);
}

#[test]
fn one_thread_and_two_threads_give_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&samples(), &tmp.path().join("pages"));
    for jobs in ["1", "2"] {
        let out = run(
            &[
                "convert",
                "pages",
                "-o",
                &format!("out{jobs}"),
                "--quiet",
                "--jobs",
                jobs,
            ],
            tmp.path(),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let names = files(&tmp.path().join("out1"));
    assert_eq!(names, files(&tmp.path().join("out2")));
    let mut compared = 0;
    for name in names.iter().filter(|n| !n.ends_with(".json")) {
        let a = std::fs::read(tmp.path().join("out1").join(name)).unwrap();
        let b = std::fs::read(tmp.path().join("out2").join(name)).unwrap();
        assert!(a == b, "{name} differs between --jobs 1 and --jobs 2");
        compared += 1;
    }
    assert_eq!(compared, 2 * sample_pages().len());
}

#[test]
fn an_interrupted_run_leaves_no_partial_file() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..15 {
        copy_dir(&samples(), &tmp.path().join(format!("pages/{i}")));
    }
    let out_dir = tmp.path().join("out");
    let mut child = Command::new(BIN)
        .args(["convert", "pages", "-o", "out", "--quiet"])
        .current_dir(tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the run is writing, then interrupt it.
    let start = std::time::Instant::now();
    while start.elapsed().as_secs() < 60 {
        if out_dir.is_dir() && files(&out_dir).iter().any(|f| f.ends_with(".pdf")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(
        !exit.success(),
        "the run finished before it could be interrupted"
    );
    for name in files(&out_dir) {
        assert!(!name.contains("partial"), "left behind: {name}");
        let bytes = std::fs::read(out_dir.join(&name)).unwrap();
        if name.ends_with(".pdf") {
            let tail =
                String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..]).into_owned();
            assert!(tail.contains("%%EOF"), "{name} is truncated");
        } else if name.ends_with(".epub") {
            assert!(zip_is_complete(&bytes), "{name} is truncated");
        }
    }
}

/// A zip is complete when its end-of-central-directory record is present.
fn zip_is_complete(bytes: &[u8]) -> bool {
    bytes.len() >= 22
        && bytes
            .windows(4)
            .rev()
            .take(1024)
            .any(|w| w == b"PK\x05\x06")
}

#[test]
fn bad_usage_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let page = sample_pages()[0].to_str().unwrap().to_string();
    for args in [
        vec!["convert"],
        vec!["convert", &page, "--size", "12"],
        vec!["convert", &page, "--format", "docx"],
        vec!["convert", &page, "--shard", "4/3"],
        vec!["convert", &page, "--jobs", "0"],
        vec!["convert", &page, "--font", "/nonexistent/font.ttf"],
        vec!["frobnicate"],
    ] {
        let out = run(&args, tmp.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} gave no message");
    }
    assert!(!tmp.path().join("out").exists());
}

#[test]
fn help_completions_and_man_page_come_from_the_same_definitions() {
    let tmp = tempfile::tempdir().unwrap();
    let help = run(&["convert", "--help"], tmp.path());
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--out-dir",
        "--format",
        "--size",
        "--page",
        "--font",
        "--jobs",
        "--report",
        "--shard",
        "--edition",
        "--quiet",
    ] {
        assert!(text.contains(flag), "help lacks {flag}");
    }
    let comp = run(&["completions", "bash"], tmp.path());
    assert!(String::from_utf8_lossy(&comp.stdout).contains("--edition"));
    let man = run(&["man"], tmp.path());
    let man = String::from_utf8_lossy(&man.stdout);
    assert!(man.contains(".TH") && man.contains("shard"));
}

#[test]
fn extract_prints_the_article_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    for page in sample_pages() {
        let out = run(&["extract", page.to_str().unwrap()], tmp.path());
        assert_eq!(out.status.code(), Some(0), "{page:?}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(!v["title"].as_str().unwrap().is_empty());
        assert!(
            v["language"].as_str().unwrap().starts_with("vi"),
            "{page:?}"
        );
        assert!(v["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| b["type"].is_string()));
    }
    std::fs::write(
        tmp.path().join("nothing.html"),
        "<html><body><p>x</p></body></html>",
    )
    .unwrap();
    let out = run(&["extract", "nothing.html"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing.html"));
}

/// A small HTTP server over `root` on a free local port; returns its base address. Pages
/// under `ministry-` are served as windows-1258 by the Content-Type header.
fn serve(root: PathBuf) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) <= 2 {
                        break;
                    }
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let file = root.join(path.trim_start_matches('/'));
                let (status, kind, body) = match std::fs::read(&file) {
                    Ok(body) if path.ends_with(".html") && path.contains("ministry-") => {
                        ("200 OK", "text/html; charset=windows-1258", body)
                    }
                    Ok(body) if path.ends_with(".html") => ("200 OK", "text/html", body),
                    Ok(body) if path.ends_with(".png") => ("200 OK", "image/png", body),
                    Ok(body) => ("200 OK", "image/jpeg", body),
                    Err(_) => ("404 Not Found", "text/plain", b"not found".to_vec()),
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    format!("http://{addr}")
}

#[test]
fn web_addresses_are_read_with_their_images() {
    let base = serve(samples());
    let tmp = tempfile::tempdir().unwrap();
    let backan = format!("{base}/backan-bach-thong-thi-dua/index.html");
    let ministry = format!("{base}/ministry-khen-thuong-1258/index.html");
    let missing = format!("{base}/khong-co/index.html");
    let out = run(
        &[
            "convert", &backan, &ministry, &missing, "-o", "out", "--quiet",
        ],
        tmp.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&tmp.path().join("out/report.json"));
    let items = r["items"].as_array().unwrap();
    assert_eq!(items[0]["input"], backan.as_str());
    assert_eq!(items[0]["status"], "ok", "{:?}", items[0]);
    assert_eq!(items[1]["status"], "ok", "{:?}", items[1]);
    // The ministry page (windows-1258, also in the server's Content-Type) decodes.
    assert_eq!(
        items[1]["title"],
        "Tổng kết công tác thi đua, khen thưởng 6 tháng đầu năm 2020"
    );
    assert_eq!(items[2]["status"], "failed");
    let error = items[2]["error"].as_str().unwrap();
    assert!(
        error.contains(&missing) && error.contains("HTTP 404"),
        "{error}"
    );
    // Every image came over HTTP too: no image warnings, and the EPUB carries both pictures.
    for item in &items[..2] {
        let warnings = item["warnings"].as_array().unwrap();
        assert!(
            !warnings
                .iter()
                .any(|w| w.as_str().unwrap().contains("image")),
            "{warnings:?}"
        );
    }
    let epub = std::fs::read(
        items[0]["outputs"]["epub"]
            .as_str()
            .map(|p| tmp.path().join(p))
            .unwrap(),
    )
    .unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let pictures = zip
        .file_names()
        .filter(|n| n.ends_with(".jpg") || n.ends_with(".png"))
        .count();
    assert_eq!(pictures, 2);

    // `extract` reads an address too; figures resolve against it.
    let out = run(&["extract", &backan], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    let article: Value = serde_json::from_slice(&out.stdout).unwrap();
    let srcs: Vec<&str> = article["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "figure")
        .map(|b| b["src"].as_str().unwrap())
        .collect();
    assert_eq!(
        srcs,
        [
            format!("{base}/backan-bach-thong-thi-dua/images/nong-dan-gioi.jpg"),
            format!("{base}/backan-bach-thong-thi-dua/images/bieu-duong.jpg"),
        ]
    );
}
