//! The PDF edition end to end: layout + krilla writer, checked by independent tools
//! (page_validation PDF/UA-1, poppler's pdffonts and pdftotext), plus layout properties
//! (no text lost or duplicated, no line too wide, keep rules, page starts).

mod pdf_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use largeprint::assets::Assets;
use largeprint::layout::{
    self, ArtifactKind, FontFamily, Fonts, FrontAnchor, ItemKind, Layout, PageSize, PageStart,
    Role, StructChild, Style,
};
use largeprint::model::{Article, Block, Book, Inline, LeafKind};
use largeprint::render::pdf::write_pdf;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn build(book: &Book, size: f32, page: PageSize) -> (Layout, Vec<u8>) {
    let fonts = Fonts::bundled(FontFamily::Andika).unwrap();
    let assets = Assets::load(book);
    let style = Style::new(size, page).unwrap();
    let layout = layout::layout(book, &assets, &style, &fonts).unwrap();
    let pdf = write_pdf(&layout, book, &assets, &fonts).unwrap();
    (layout, pdf)
}

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(file)
        .args(if name == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| panic!("{name} is required (apt-get install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{name} failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks one PDF file with every independent checker.
fn check_pdf(path: &Path, article: &Article) {
    use page_validation::{validate_pdf, ValidationOptions, ValidationProfile};
    let report = validate_pdf(
        path,
        &ValidationOptions::default().profile(ValidationProfile::PdfUa1),
    )
    .unwrap();
    let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
    assert!(
        report.is_compliant && failures.is_empty(),
        "{}: PDF/UA-1 failures: {failures:#?}",
        path.display()
    );

    let fonts = tool("pdffonts", &[], path);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no fonts listed");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "font not emb/sub/uni: {row}"
        );
    }

    let text = tool("pdftotext", &["-enc", "UTF-8"], path);
    let nfc: String = text.nfc().collect();
    assert_eq!(text, nfc, "pdftotext output is not NFC");
    // Page numbers are artifacts but poppler still prints them: drop digit-only lines.
    let body: String = text
        .lines()
        .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ");
    let got = squash(&body);
    let mut at = 0usize;
    let mut expect: Vec<String> = vec![article.meta.title.clone()];
    for leaf in article.leaves() {
        match leaf.kind {
            LeafKind::Paragraph | LeafKind::Caption | LeafKind::Heading | LeafKind::Lead => {
                expect.push(leaf.text.clone())
            }
            _ => {}
        }
    }
    for want in expect {
        let want = squash(&want);
        // Long tokens (URLs) are cut at line ends; compare without spaces for those.
        match got[at..].find(&want) {
            Some(i) => at += i + want.len(),
            None => {
                // pdftotext also drops a hyphen that ends a line (it assumes hyphenation).
                let g: String = got[at..]
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .collect();
                let w: String = want
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .collect();
                assert!(
                    g.contains(&w),
                    "{}: text not found in order: {want:?}\n--- got:\n{got}",
                    path.display()
                );
            }
        }
    }
}

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-tests");
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn sample_article_passes_every_checker_at_18_and_32_pt() {
    let dir = tempfile::tempdir().unwrap();
    let article = pdf_support::article(dir.path());
    let book = Book::single(article.clone());
    for (size, page) in [
        (18.0, PageSize::A4),
        (32.0, PageSize::A4),
        (24.0, PageSize::A5),
        (18.0, PageSize::Letter),
    ] {
        let (layout, pdf) = build(&book, size, page);
        let path = out_dir().join(format!("sample-{size}-{page:?}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        check_pdf(&path, &article);
        assert_eq!(layout.page_count(), layout.page_starts().len());
        assert!(
            layout.warnings.iter().any(|w| w.contains("mat.jpg")),
            "missing image not warned: {:?}",
            layout.warnings
        );
        // Fonts are subset: a whole Andika face is ~670 KB.
        assert!(pdf.len() < 400_000, "{size} pt PDF is {} bytes", pdf.len());
    }
}

/// An article whose only block is `table` (the first row a header row).
fn table_article(rows: Vec<Vec<String>>) -> Article {
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(r, cells)| largeprint::model::Row {
            cells: cells.iter().map(|c| pdf_support::cell(c, r == 0)).collect(),
        })
        .collect();
    Article {
        meta: largeprint::model::Meta {
            title: "Kết quả thi đua các xã".into(),
            language: "vi".into(),
            ..Default::default()
        },
        blocks: vec![Block::Table(largeprint::model::Table {
            caption: vec![Inline::text("Bảng 1. Kết quả khen thưởng")],
            rows,
        })],
        warnings: vec![],
    }
}

#[test]
fn a_long_table_repeats_its_header_on_every_page_it_continues_onto() {
    let mut rows = vec![vec!["Xã, thị trấn".to_string(), "Hộ được khen".to_string()]];
    rows.extend((1..=70).map(|k| vec![format!("Xã số {k} huyện Bạch Thông"), format!("{k} hộ")]));
    let article = table_article(rows);
    let book = Book::single(article.clone());
    for size in [18.0, 32.0] {
        let style = Style::new(size, PageSize::A4).unwrap();
        let (layout, pdf) = build(&book, size, PageSize::A4);
        check_layout_properties(&article, &layout, &style);
        let roles = content_roles(&layout);
        assert!(
            layout.page_count() >= 3,
            "{size} pt: {} pages",
            layout.page_count()
        );
        // The header is tagged once, on the table's first page.
        let header_text = |page: &largeprint::layout::Page| -> Vec<String> {
            page.items
                .iter()
                .filter(|i| {
                    i.content
                        .is_some_and(|c| matches!(roles[c], Some(Role::TH(..))))
                })
                .filter_map(|i| match &i.kind {
                    ItemKind::Text(t) => Some(t.text.trim().to_string()),
                    _ => None,
                })
                .collect()
        };
        let header = header_text(&layout.pages[0]);
        assert_eq!(header.concat().replace(' ', ""), "Xã,thịtrấnHộđượckhen");
        for (pi, page) in layout.pages.iter().enumerate().skip(1) {
            assert!(
                header_text(page).is_empty(),
                "{size} pt page {}: header tagged again",
                pi + 1
            );
            // The header row again, as artifacts, above the first row of the page.
            let repeated: Vec<String> = page
                .items
                .iter()
                .filter(|i| i.artifact == ArtifactKind::RepeatedHeader)
                .filter_map(|i| match &i.kind {
                    ItemKind::Text(t) => Some(t.text.trim().to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(repeated, header, "{size} pt page {}", pi + 1);
            let header_y = page
                .items
                .iter()
                .filter(|i| i.artifact == ArtifactKind::RepeatedHeader)
                .filter_map(|i| match &i.kind {
                    ItemKind::Text(t) => Some(t.baseline),
                    _ => None,
                })
                .fold(f32::MIN, f32::max);
            let first_row_y = page
                .items
                .iter()
                .filter(|i| i.content.is_some())
                .filter_map(|i| match &i.kind {
                    ItemKind::Text(t) => Some(t.baseline),
                    _ => None,
                })
                .fold(f32::MAX, f32::min);
            assert!(
                header_y < first_row_y,
                "{size} pt page {}: header below the rows",
                pi + 1
            );
        }
        let path = out_dir().join(format!("long-table-{size}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        check_pdf(&path, &article);
        // Repeated headers (18 pt) and row labels (32 pt, reflowed) are drawn as outlines:
        // the text of the PDF has the header once and no labels between the values.
        let text = tool("pdftotext", &["-enc", "UTF-8"], &path);
        assert_eq!(
            text.matches("Xã, thị trấn").count(),
            1,
            "{size} pt:\n{text}"
        );
        assert!(
            !text.contains("trấn:"),
            "{size} pt: a row label is in the text"
        );
    }
}

#[test]
fn a_table_row_taller_than_a_page_is_reflowed_not_cut() {
    let long = pdf_support::PARAS.join(" ").repeat(2);
    let article = table_article(vec![
        vec!["Nội dung".into(), "Ghi chú".into()],
        vec![long.clone(), "Đợt 1".into()],
        vec!["Khen thưởng".into(), "Đợt 2".into()],
    ]);
    let book = Book::single(article.clone());
    let style = Style::new(32.0, PageSize::A4).unwrap();
    let (layout, pdf) = build(&book, 32.0, PageSize::A4);
    // check_layout_properties fails if a row runs past the bottom of a page.
    check_layout_properties(&article, &layout, &style);
    assert!(layout.page_count() >= 2);
    let path = out_dir().join("tall-row-32.pdf");
    std::fs::write(&path, &pdf).unwrap();
    check_pdf(&path, &article);
    // Reflowed: each value carries its column's label, drawn (as outlines) but not text.
    let labels = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| i.artifact == ArtifactKind::Layout)
        .filter(|i| matches!(&i.kind, ItemKind::Text(t) if t.text.starts_with("Nội dung:")))
        .count();
    assert_eq!(labels, 2, "a label for the value of each row");
    let text = tool("pdftotext", &["-enc", "UTF-8"], &path);
    assert!(!text.contains("Nội dung:"), "a row label is in the text");
}

#[test]
fn output_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::single(pdf_support::article(dir.path()));
    let (_, a) = build(&book, 18.0, PageSize::A4);
    let (_, b) = build(&book, 18.0, PageSize::A4);
    assert_eq!(a, b);
}

#[test]
fn edition_of_several_articles_passes_and_starts_articles_on_new_pages() {
    let dir = tempfile::tempdir().unwrap();
    let a = pdf_support::article(dir.path());
    let mut b = a.clone();
    b.meta.title = "Hội nghị tổng kết năm 2020".into();
    let book = Book {
        edition_title: Some("Bản tin tuần 30/2020".into()),
        articles: vec![a.clone(), b],
    };
    let (layout, pdf) = build(&book, 18.0, PageSize::A4);
    let path = out_dir().join("edition-18.pdf");
    std::fs::write(&path, &pdf).unwrap();
    check_pdf(&path, &a);
    let starts = layout.page_starts();
    assert_eq!(starts[0], PageStart::EditionFront(FrontAnchor::TitlePage));
    let firsts: Vec<usize> = starts
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s, PageStart::Article(x) if x.leaf == 0 && x.offset == 0))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(firsts.len(), 2, "{starts:?}");
    let text = tool("pdftotext", &["-enc", "UTF-8"], &path);
    assert!(text.contains("Mục lục"));
    // The contents page lists each article with the page it starts on.
    let toc_line = text
        .lines()
        .find(|l| l.contains("Hội nghị tổng kết năm 2020"))
        .unwrap_or("");
    assert!(text.contains(&format!("{}", firsts[1] + 1)), "{toc_line}");
}

/// Concatenated text of each leaf, from the runs that carry it, in page order.
fn leaf_texts(layout: &Layout) -> std::collections::BTreeMap<(usize, usize), String> {
    let mut out = std::collections::BTreeMap::new();
    for page in &layout.pages {
        for item in &page.items {
            if let ItemKind::Text(run) = &item.kind {
                if let Some(src) = run.source {
                    let e: &mut String = out.entry((src.article, src.leaf)).or_default();
                    assert_eq!(
                        e.chars().count(),
                        src.offset,
                        "run offset does not follow the previous run"
                    );
                    e.push_str(&run.text);
                }
            }
        }
    }
    out
}

fn check_layout_properties(article: &Article, layout: &Layout, style: &Style) {
    let texts = leaf_texts(layout);
    for (i, leaf) in article.leaves().iter().enumerate() {
        if leaf.text.is_empty() || matches!(leaf.kind, LeafKind::TitleBlock | LeafKind::FigureImage)
        {
            continue;
        }
        assert_eq!(
            texts.get(&(0, i)).map(String::as_str),
            Some(leaf.text.as_str()),
            "leaf {i} text lost or duplicated"
        );
    }
    let left = style.left();
    let right = left + style.text_width();
    let (top, bottom) = (style.top(), style.top() + style.text_height());
    for (pi, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            // Everything but the page number stays inside the text area.
            let inside = match &item.kind {
                ItemKind::Text(run) if item.artifact == ArtifactKind::PageNumber => {
                    run.baseline > bottom
                }
                ItemKind::Text(run) => run.baseline > top && run.baseline <= bottom + 0.05,
                ItemKind::Rule(r) => r.y >= top - 0.05 && r.y + r.h <= bottom + 0.05,
                ItemKind::Image(i) => {
                    i.rect.y >= top - 0.05 && i.rect.y + i.rect.h <= bottom + 0.05
                }
                ItemKind::LinkArea(_) => true,
            };
            assert!(
                inside,
                "page {}: {:?} outside the text area",
                pi + 1,
                item.kind
            );
            if let (ItemKind::Text(run), Some(_)) = (&item.kind, item.content) {
                assert!(
                    run.x >= left - 0.01 && run.x + run.ink_width <= right + 0.05,
                    "line too wide: {:?} ends at {} > {right}",
                    run.text,
                    run.x + run.ink_width
                );
            }
        }
    }
}

fn words() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-zđươăâêôạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]{1,9}",
        "[A-ZĐƯƠỂỖẬ]{1,6}",
        "https://[a-z]{30,90}",
        "[0-9]{1,4}[.,;:!?]?",
    ];
    prop::collection::vec(word, 1..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn no_text_lost_or_duplicated_and_no_line_too_wide(paras in prop::collection::vec(words(), 1..12), size in 16.0f32..40.0) {
        let article = Article {
            meta: largeprint::model::Meta { title: "Tiêu đề".into(), language: "vi".into(), ..Default::default() },
            blocks: paras.iter().enumerate().map(|(i, p)| if i % 5 == 3 {
                Block::Heading { level: 2, inlines: vec![Inline::text(p.clone())] }
            } else {
                Block::Paragraph { inlines: vec![Inline::text(p.clone())] }
            }).collect(),
            warnings: vec![],
        };
        let book = Book::single(article.clone());
        let fonts = Fonts::bundled(FontFamily::NotoSans).unwrap();
        let style = Style::new(size, PageSize::A5).unwrap();
        let layout = layout::layout(&book, &Assets::default(), &style, &fonts).unwrap();
        check_layout_properties(&article, &layout, &style);
    }
}

#[test]
fn sample_layout_keeps_every_leaf_and_fits_the_measure() {
    let dir = tempfile::tempdir().unwrap();
    let article = pdf_support::article(dir.path());
    let book = Book::single(article.clone());
    for size in [18.0, 24.0, 32.0] {
        let style = Style::new(size, PageSize::A4).unwrap();
        let fonts = Fonts::bundled(FontFamily::Andika).unwrap();
        let layout = layout::layout(&book, &Assets::load(&book), &style, &fonts).unwrap();
        check_layout_properties(&article, &layout, &style);
    }
}

/// Role of the node each content id belongs to.
fn content_roles(layout: &Layout) -> Vec<Option<Role>> {
    let mut roles = vec![None; layout.content_count];
    for node in &layout.nodes {
        for c in &node.children {
            if let StructChild::Content(id) = c {
                roles[*id] = Some(node.role.clone());
            }
        }
    }
    roles
}

#[test]
fn keep_rules_hold_headings_and_captions() {
    let dir = tempfile::tempdir().unwrap();
    let base = pdf_support::article(dir.path());
    // Shift the heading/figure positions through the page by adding paragraphs in front.
    for extra in 0..14 {
        let mut a = base.clone();
        for k in 0..extra {
            a.blocks
                .insert(0, pdf_support::p(pdf_support::PARAS[k % 6]));
        }
        let book = Book::single(a);
        let fonts = Fonts::bundled(FontFamily::Andika).unwrap();
        let style = Style::new(24.0, PageSize::A5).unwrap();
        let layout = layout::layout(&book, &Assets::load(&book), &style, &fonts).unwrap();
        let roles = content_roles(&layout);
        for (pi, page) in layout.pages.iter().enumerate().take(layout.pages.len() - 1) {
            let last = page
                .items
                .iter()
                .filter_map(|i| i.content)
                .filter(|c| !matches!(roles[*c], Some(Role::Link) | Some(Role::Lbl)))
                .max();
            if let Some(c) = last {
                assert!(
                    !matches!(roles[c], Some(Role::Heading(..))),
                    "extra={extra}: page {} ends with a heading",
                    pi + 1
                );
                assert!(
                    !matches!(roles[c], Some(Role::Figure(_))),
                    "extra={extra}: page {} ends with an image, its caption is on the next page",
                    pi + 1
                );
            }
        }
    }
}

#[test]
fn page_starts_point_at_the_first_text_of_each_page() {
    let dir = tempfile::tempdir().unwrap();
    let article = pdf_support::article(dir.path());
    let book = Book::single(article.clone());
    let (layout, _) = build(&book, 32.0, PageSize::A4);
    assert!(layout.page_count() >= 3);
    assert_eq!(
        layout.page_starts()[0],
        PageStart::Article(largeprint::model::Anchor {
            article: 0,
            leaf: 0,
            offset: 0
        })
    );
    for (i, start) in layout.page_starts().into_iter().enumerate().skip(1) {
        let PageStart::Article(a) = start else {
            panic!("page {i}: {start:?}")
        };
        let first = layout.pages[i].items.iter().find_map(|it| match &it.kind {
            ItemKind::Text(r) if it.content.is_some() => r.source,
            ItemKind::Image(_) => Some(a),
            _ => None,
        });
        if let Some(first) = first {
            assert_eq!(first, a, "page {}", i + 1);
        }
    }
}

#[test]
fn deeply_nested_quotes_and_lists_do_not_overflow() {
    let mut block = Block::Paragraph {
        inlines: vec![Inline::text("Đoạn văn sâu nhất.")],
    };
    for i in 0..20_000 {
        block = if i % 2 == 0 {
            Block::Quote {
                blocks: vec![block],
            }
        } else {
            Block::List(largeprint::model::List {
                ordered: true,
                items: vec![largeprint::model::ListItem {
                    blocks: vec![block],
                }],
            })
        };
    }
    let article = Article {
        meta: largeprint::model::Meta {
            title: "Lồng sâu".into(),
            language: "vi".into(),
            ..Default::default()
        },
        blocks: vec![block],
        warnings: vec![],
    };
    let book = Book::single(article);
    let fonts = Fonts::bundled(FontFamily::Andika).unwrap();
    // The model's own helpers recurse, so run on a big stack; layout and the writer do not.
    let handle = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let style = Style::default();
            let layout = layout::layout(&book, &Assets::default(), &style, &fonts).unwrap();
            write_pdf(&layout, &book, &Assets::default(), &fonts)
                .unwrap()
                .len()
        })
        .unwrap();
    assert!(handle.join().unwrap() > 1000);
}

#[test]
fn user_font_missing_characters_are_listed() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/andika/Andika-Regular.ttf");
    let fonts = Fonts::from_file(&path).unwrap();
    let article = Article {
        meta: largeprint::model::Meta {
            title: "Chữ Hán 漢字".into(),
            language: "vi".into(),
            ..Default::default()
        },
        blocks: vec![pdf_support::p("Tiếng Việt")],
        warnings: vec![],
    };
    let err = layout::layout(
        &Book::single(article),
        &Assets::default(),
        &Style::default(),
        &fonts,
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains('漢') && msg.contains('字') && msg.contains("U+6F22"),
        "{msg}"
    );
}

#[test]
fn body_size_below_16_pt_is_refused() {
    assert!(Style::new(14.0, PageSize::A4).is_err());
    assert!(Style::new(16.0, PageSize::A4).is_ok());
}

#[test]
fn every_sample_passes_every_checker_at_18_and_32_pt() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("samples/ folder")
        .filter_map(|e| e.ok().map(|e| e.path().join("index.html")))
        .filter(|p| p.is_file())
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no samples/*/index.html");
    for page in pages {
        let bytes = std::fs::read(&page).unwrap();
        let article = largeprint::extract::extract(&bytes, &page.display().to_string())
            .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let book = Book::single(article.clone());
        let name = page
            .parent()
            .and_then(|p| p.file_name())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for size in [18.0, 32.0] {
            let (layout, pdf) = build(&book, size, PageSize::A4);
            let path = out_dir().join(format!("{name}-{size}.pdf"));
            std::fs::write(&path, &pdf).unwrap();
            check_pdf(&path, &article);
            check_layout_properties(&article, &layout, &Style::new(size, PageSize::A4).unwrap());
            eprintln!(
                "{name} {size} pt: {} pages, {} bytes",
                layout.page_count(),
                pdf.len()
            );
        }
    }
}
