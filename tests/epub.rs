//! The EPUB edition, tested from the outside: books built in code (Vietnamese text, a real
//! image, a missing image, a WebP, lists, a table, headings, a quote) are written with the
//! page starts of their real PDF layout, then checked by EPUBCheck 5.3.0 and DAISY Ace 1.4.6
//! (through scripts/epubcheck.sh and scripts/ace.sh: any error, warning or violation fails),
//! for byte-identical output, for a page-list with one marker per PDF page at the text where
//! that page begins (in the PDF itself, via pdftotext), and for an embedded font subset that
//! still covers every character shown.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use largeprint::assets::Assets;
use largeprint::layout::{self, FrontAnchor, PageStart, Style};
use largeprint::model::{Anchor, Article, Block, Book, Figure, Meta};
use largeprint::render::epub::{write_epub, EpubError, EpubOptions};
use rustybuzz::ttf_parser;

mod epub_support;
use epub_support::*;

#[test]
fn epubcheck_and_ace_report_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = build(&single(), None);
    let e = build(&edition(), None);
    let books = vec![
        ("single.epub".to_string(), s.epub),
        ("edition.epub".to_string(), e.epub),
    ];
    let refs: Vec<(&str, &[u8])> = books
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let paths = write_books(dir.path(), &refs);
    for (name, bytes) in &books {
        eprintln!("{name}: {} bytes", bytes.len());
    }
    // LARGEPRINT_KEEP_EPUBS=DIR keeps the books for a person to open.
    if let Ok(keep) = std::env::var("LARGEPRINT_KEEP_EPUBS") {
        std::fs::create_dir_all(&keep).unwrap();
        for p in &paths {
            std::fs::copy(p, Path::new(&keep).join(p.file_name().unwrap())).unwrap();
        }
    }
    let check = run_script("epubcheck.sh", &paths);
    eprintln!("{check}");
    assert_eq!(
        check.matches("epubcheck OK").count(),
        paths.len(),
        "{check}"
    );
    let ace = run_script("ace.sh", &paths);
    eprintln!("{ace}");
    assert_eq!(ace.matches("ace OK").count(), paths.len(), "{ace}");
}

/// Every saved page in samples/*/index.html (with its images) as a book, its PDF and EPUB.
fn samples() -> Vec<(String, Book, Built)> {
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(root().join("samples")) else {
        return out;
    };
    let mut dirs: Vec<PathBuf> = dirs.filter_map(|d| d.ok().map(|d| d.path())).collect();
    dirs.sort();
    for d in dirs {
        let page = d.join("index.html");
        if !page.exists() {
            continue;
        }
        let bytes = std::fs::read(&page).unwrap();
        let source = page.display().to_string();
        let article = largeprint::extract::extract(&bytes, &source)
            .unwrap_or_else(|e| panic!("{source}: {e}"));
        let book = Book::single(article);
        let assets = Assets::load(&book);
        let fonts = fonts();
        let lay = layout::layout(&book, &assets, &Style::default(), &fonts).expect("layout");
        let pdf = largeprint::render::pdf::write_pdf(&lay, &book, &assets, &fonts).expect("pdf");
        let starts = lay.page_starts();
        let opts = EpubOptions {
            pdf_file_name: "sample.pdf".into(),
            modified: Some(0),
        };
        let epub = write_epub(&book, &assets, &starts, &fonts, &opts).expect("epub");
        let name = format!("{}.epub", d.file_name().unwrap().to_string_lossy());
        out.push((name, book, Built { epub, pdf, starts }));
    }
    out
}

#[test]
fn page_lists_of_the_samples_match_their_pdfs() {
    for (name, book, built) in samples() {
        eprintln!("{name}: {} pages", built.starts.len());
        check_page_list(&built, &book);
    }
}

#[test]
fn same_input_same_bytes() {
    let a = build(&edition(), Some(1_600_000_000));
    let b = build(&edition(), Some(1_600_000_000));
    assert!(a.epub == b.epub, "two runs gave different bytes");
    let opf = text_of(&entries(&a.epub), "EPUB/package.opf");
    assert!(
        opf.contains("<meta property=\"dcterms:modified\">2020-09-13T12:26:40Z</meta>"),
        "{opf}"
    );
    // Without SOURCE_DATE_EPOCH the latest article date at midnight is used.
    let c = build(&edition(), None);
    let opf = text_of(&entries(&c.epub), "EPUB/package.opf");
    assert!(
        opf.contains("<meta property=\"dcterms:modified\">2020-07-30T00:00:00Z</meta>"),
        "{opf}"
    );
}

#[test]
fn container_layout_follows_ocf() {
    let b = build(&single(), None);
    let z = &b.epub;
    // Local header of the first entry: "mimetype", stored (method 0), no extra field.
    assert_eq!(&z[0..4], b"PK\x03\x04");
    assert_eq!(
        u16::from_le_bytes([z[8], z[9]]),
        0,
        "mimetype must be stored"
    );
    assert_eq!(u16::from_le_bytes([z[26], z[27]]), 8);
    assert_eq!(
        u16::from_le_bytes([z[28], z[29]]),
        0,
        "mimetype must have no extra field"
    );
    assert_eq!(&z[30..38], b"mimetype");
    assert_eq!(&z[38..58], b"application/epub+zip");
    let e = entries(z);
    let opf = text_of(&e, "EPUB/package.opf");
    for needle in [
        "xml:lang=\"vi\"",
        "<dc:language>vi</dc:language>",
        "<dc:title id=\"title\">Bạch Thông thực hiện tốt phong trào thi đua yêu nước</dc:title>",
        "<dc:creator id=\"creator-1\">Hương Dịu</dc:creator>",
        "<dc:date>2020-07-29</dc:date>",
        "<dc:source id=\"page-source\">ban-tin.pdf</dc:source>",
        "<meta refines=\"#page-source\" property=\"source-of\">pagination</meta>",
        "<meta property=\"schema:accessMode\">visual</meta>",
        "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>",
        "<meta property=\"schema:accessibilityFeature\">printPageNumbers</meta>",
        "<meta property=\"schema:accessibilityFeature\">pageNavigation</meta>",
        "<meta property=\"schema:accessibilityFeature\">largePrint</meta>",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
        "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>",
        "<meta property=\"a11y:certifiedBy\">",
        "media-type=\"font/ttf\"",
        "media-type=\"image/png\"",
    ] {
        assert!(
            opf.contains(needle),
            "package document lacks {needle}:\n{opf}"
        );
    }
    assert!(!opf.contains("image/webp"), "webp must be converted");
    let id = attr(&opf[opf.find("<dc:identifier").unwrap()..], "id");
    assert_eq!(id, "pub-id");
    assert!(opf.contains(">urn:uuid:"));
    // Stable: the same source and title give the same identifier, another title another one.
    let other = Book::single(article(1, "Một tiêu đề khác", "2020-07-29"));
    let ob = write_epub(&other, &assets(), &[], &fonts(), &EpubOptions::default()).unwrap();
    let oopf = text_of(&entries(&ob), "EPUB/package.opf");
    let uuid = |o: &str| o[o.find("urn:uuid:").unwrap()..][..45].to_string();
    assert_ne!(uuid(&opf), uuid(&oopf));
    assert_eq!(
        uuid(&opf),
        uuid(&text_of(
            &entries(&build(&single(), Some(5)).epub),
            "EPUB/package.opf"
        ))
    );
    // The summary is Vietnamese and counts this book's images.
    assert!(
        opf.contains("Cả 2 hình ảnh đều có mô tả bằng chữ."),
        "{opf}"
    );
    assert!(opf.contains("1 hình ảnh không hiển thị được"), "{opf}");
    assert!(e.keys().any(|k| k == "EPUB/fonts/OFL.txt"));
}

#[test]
fn content_is_semantic_and_complete() {
    let b = build(&single(), None);
    let e = entries(&b.epub);
    let docs = spine(&e);
    assert_eq!(docs, vec!["titlepage.xhtml", "article.xhtml"]);
    let x = text_of(&e, "EPUB/article.xhtml");
    for doc in &docs {
        let d = text_of(&e, &format!("EPUB/{doc}"));
        assert!(
            d.contains("lang=\"vi\" xml:lang=\"vi\""),
            "{doc} lacks its language"
        );
    }
    // Headings: one h1, then no level skipped.
    let mut last = 0;
    for (i, _) in x.match_indices("<h") {
        let Some(level) = x[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "heading h{level} after h{last}");
        last = level;
    }
    assert_eq!(x.matches("<h1").count(), 1);
    assert!(
        x.contains("<h3"),
        "the level-4 heading after an h2 becomes h3"
    );
    assert!(x.contains("<p class=\"dateline\">Ngày 29 tháng 7 năm 2020</p>"));
    assert!(x.contains("Tác giả: Hương Dịu"));
    // The image, its alt text and caption together; the missing one as a visible note.
    assert!(x.contains("<figure><img src=\"images/image-001.png\" alt=\"Toàn cảnh hội nghị tổng kết\" width=\"40\" height=\"30\"/><figcaption>Quang cảnh hội nghị"));
    assert!(x.contains("<p class=\"missing-image\">[Ảnh không hiển thị được]</p><figcaption>Lãnh đạo huyện trao Bằng khen"));
    assert!(
        !x.contains("anh-bi-mat"),
        "no reference to the missing image"
    );
    let png = &e["EPUB/images/image-001.png"];
    assert_eq!(png, &png_bytes(40, 30), "images are copied unchanged");
    assert!(
        e["EPUB/images/image-002.png"].starts_with(b"\x89PNG"),
        "webp became png"
    );
    // Lists, tables, quotes, links, emphasis, escaping.
    assert!(x.contains("<ol><li><p>Phòng Giáo dục"));
    assert!(x.contains("<ul><li><p>Hội Nông dân xã.</p></li></ul>"));
    assert!(x.contains(
        "<caption>Bảng 1. Số lượt khen thưởng</caption><thead><tr><th scope=\"col\">Hình thức</th>"
    ));
    assert!(x.contains("<td>Bằng khen</td><td>27</td>"));
    assert!(x.contains("<blockquote><p>Thi đua là yêu nước"));
    assert!(x.contains("<a href=\"https://bachthong.backan.gov.vn/a?x=1&amp;y=2\">Cờ thi đua</a>"));
    assert!(x.contains("<em>nhiều tập thể</em>"));
    assert!(x.contains("Chi tiết xem &lt;phụ lục&gt; &amp; bảng dưới."));
    // Every paragraph's text is there, in order, NFC.
    let body = fold(&plain(&x));
    let mut at = 0;
    for leaf in single().articles[0].leaves() {
        let want = fold(&leaf.text);
        if want.is_empty() {
            continue;
        }
        let i = body[at..]
            .find(&want)
            .unwrap_or_else(|| panic!("missing or out of order: {want}"));
        at += i + want.len();
    }
    use unicode_normalization::is_nfc;
    assert!(is_nfc(&x));
    // The stylesheet: relative sizes, large body, 1.5 leading, no justification or italics.
    let css = text_of(&e, "EPUB/style.css");
    assert!(css.contains("font-family: \"LargePrint Andika\", sans-serif;"));
    assert!(css.contains("line-height: 1.5;") && css.contains("hyphens: manual;"));
    assert!(css.contains("font-size: 1.5em;"));
    assert!(!css.contains("px") && !css.contains("pt;") && !css.contains("justify"));
    assert!(!css.contains("font-style: italic"));
}

#[test]
fn an_undescribed_image_withdraws_the_alternative_text_claim() {
    let mut book = single();
    book.articles[0].blocks.push(Block::Figure(Figure {
        src: "anh-hoi-nghi.png".into(),
        alt: None,
        caption: vec![],
    }));
    book.articles[0].blocks.push(Block::Figure(Figure {
        src: "anh-2.png".into(),
        alt: Some(String::new()),
        caption: vec![],
    }));
    let mut a = assets();
    a.insert("anh-2.png", png_bytes(8, 8));
    let epub = write_epub(&book, &a, &[], &fonts(), &EpubOptions::default()).unwrap();
    let e = entries(&epub);
    let opf = text_of(&e, "EPUB/package.opf");
    assert!(!opf.contains("alternativeText"), "{opf}");
    assert!(!opf.contains("accessModeSufficient\">textual<"), "{opf}");
    assert!(
        !opf.contains("printPageNumbers") && !opf.contains("source-of"),
        "no pages, no page claims"
    );
    assert!(text_of(&e, "EPUB/article.xhtml").contains("alt=\"\""));
    assert!(!text_of(&e, "EPUB/nav.xhtml").contains("page-list"));
}

/// The page-list has one entry per PDF page, labelled 1..N in order; every entry points at
/// a unique pagebreak marker; markers come in spine order; and the text after marker N is
/// the text of the anchor layout reported, which pdftotext finds on page N of the PDF.
fn check_page_list(b: &Built, book: &Book) {
    let e = entries(&b.epub);
    let nav = text_of(&e, "EPUB/nav.xhtml");
    let pl = &nav[nav.find("epub:type=\"page-list\"").expect("page-list")..];
    assert!(pl.contains("role=\"doc-pagelist\""));
    let pl = &pl[..pl.find("</nav>").unwrap()];
    let links: Vec<(String, String)> = pl
        .split("<a ")
        .skip(1)
        .map(|a| {
            (
                attr(a, "href"),
                a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()].to_string(),
            )
        })
        .collect();
    assert_eq!(
        links.len(),
        b.starts.len(),
        "one page-list entry per PDF page"
    );
    // All markers of the book in spine order.
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    let mut texts: BTreeMap<usize, String> = BTreeMap::new();
    for doc in spine(&e) {
        let x = text_of(&e, &format!("EPUB/{doc}"));
        for (i, _) in x.match_indices("epub:type=\"pagebreak\"") {
            let start = x[..i].rfind('<').unwrap();
            let tag = &x[start..start + x[start..].find('>').unwrap()];
            assert!(tag.contains("role=\"doc-pagebreak\""));
            let id = attr(tag, "id");
            assert!(seen.insert(id.clone()), "duplicate marker id {id}");
            let n: usize = id.trim_start_matches("page-").parse().unwrap();
            assert_eq!(attr(tag, "aria-label"), n.to_string());
            order.push(n);
            let after = &x[start..];
            // The text of the element the page starts in (list numbers and table rules drawn
            // in the PDF are not text of the EPUB).
            let rest = &after[after.find('>').unwrap() + 1..];
            let rest = plain(rest);
            let first = rest.trim_start();
            let first = first.split("  ").next().unwrap_or("");
            texts.insert(n, fold(first));
        }
    }
    assert_eq!(
        order,
        (1..=b.starts.len()).collect::<Vec<_>>(),
        "markers in page order"
    );
    let ids_in_all_docs: usize = spine(&e)
        .iter()
        .map(|d| {
            text_of(&e, &format!("EPUB/{d}"))
                .matches(" id=\"page-")
                .count()
        })
        .sum();
    assert_eq!(ids_in_all_docs, b.starts.len());
    let pdf_dir = tempfile::tempdir().unwrap();
    let pdf_path = pdf_dir.path().join("book.pdf");
    std::fs::write(&pdf_path, &b.pdf).unwrap();
    for (i, (href, label)) in links.iter().enumerate() {
        let n = i + 1;
        assert_eq!(label, &n.to_string());
        let (file, frag) = href.split_once('#').unwrap();
        assert_eq!(frag, format!("page-{n}"));
        assert_eq!(
            text_of(&e, &format!("EPUB/{file}"))
                .matches(&format!("id=\"{frag}\""))
                .count(),
            1
        );
        let after = &texts[&n];
        // The anchor the layout reported for this page, read through the model.
        if let PageStart::Article(Anchor {
            article,
            leaf,
            offset,
        }) = b.starts[i]
        {
            let leaves = book.articles[article].leaves();
            let want: String = leaves[leaf].text.chars().skip(offset).collect();
            let want = fold(&want);
            let want: String = want.chars().take(20).collect();
            if !want.is_empty() {
                assert!(
                    after.starts_with(&want),
                    "page {n}: {after:.60} does not start with {want}"
                );
            }
        }
        let snippet: String = after.chars().take(24).collect();
        let out = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string(), "-enc", "UTF-8"])
            .arg(&pdf_path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is needed");
        let page_text = fold(&String::from_utf8_lossy(&out.stdout));
        assert!(
            page_text.contains(&snippet),
            "page {n}: {snippet:?} is not on PDF page {n}: {page_text:.200}"
        );
    }
}

#[test]
fn page_list_matches_the_pdf_for_one_article() {
    let book = single();
    let b = build(&book, None);
    assert!(b.starts.len() >= 3, "the fixture should span several pages");
    check_page_list(&b, &book);
}

#[test]
fn page_list_matches_the_pdf_for_an_edition() {
    let book = edition();
    let b = build(&book, None);
    assert_eq!(b.starts[0], PageStart::EditionFront(FrontAnchor::TitlePage));
    check_page_list(&b, &book);
    let e = entries(&b.epub);
    assert_eq!(
        spine(&e),
        vec!["titlepage.xhtml", "article-001.xhtml", "article-002.xhtml"]
    );
    let front = text_of(&e, "EPUB/titlepage.xhtml");
    assert!(front.contains("Bản tin tuần 30/2020") && front.contains("Mục lục"));
    assert!(front.contains("Ngân Sơn tổng kết công tác khen thưởng &amp; thi đua</a>, trang "));
}

#[test]
fn page_list_matches_the_pdf_when_the_contents_span_several_pages() {
    // Thirty articles, some with titles of several lines: the contents list runs over
    // several pages, and at least one of them begins inside an entry.
    let mut book = edition();
    let short = book.articles[0].clone();
    book.articles = (0..30)
        .map(|k| {
            let mut a = short.clone();
            a.blocks.truncate(4);
            a.meta.title = if k % 3 == 0 {
                format!(
                    "Tin {}: Bạch Thông thực hiện tốt phong trào thi đua yêu nước, tổng kết công tác \
                     khen thưởng giai đoạn 2015 - 2020 và triển khai phương hướng, nhiệm vụ năm 2021 \
                     tại các xã Quân Bình, Tân Tú, Đôn Phong, Cẩm Giàng và thị trấn Phủ Thông",
                    k + 1
                )
            } else {
                format!("Tin {}: Ngân Sơn tổng kết thi đua", k + 1)
            };
            a
        })
        .collect();
    let b = build(&book, None);
    let front: Vec<FrontAnchor> = b
        .starts
        .iter()
        .filter_map(|s| match s {
            PageStart::EditionFront(f) => Some(*f),
            PageStart::Article(_) => None,
        })
        .collect();
    assert!(front.len() >= 4, "front matter of {} pages", front.len());
    assert_eq!(front[..2], [FrontAnchor::TitlePage, FrontAnchor::Contents]);
    assert!(
        front
            .iter()
            .any(|f| matches!(f, FrontAnchor::Entry { offset, .. } if *offset > 0)),
        "no contents page begins inside an entry: {front:?}"
    );
    check_page_list(&b, &book);
}

#[test]
fn mid_paragraph_page_start_lands_on_the_character() {
    let book = single();
    let leaves = book.articles[0].leaves();
    let (leaf, _) = leaves
        .iter()
        .enumerate()
        .find(|(_, l)| l.text.starts_with("Các cấp"))
        .unwrap();
    let offset = leaves[leaf]
        .text
        .find("tổng kết")
        .map(|b| leaves[leaf].text[..b].chars().count())
        .unwrap();
    let starts = [
        PageStart::Article(Anchor {
            article: 0,
            leaf: 0,
            offset: 0,
        }),
        PageStart::Article(Anchor {
            article: 0,
            leaf,
            offset,
        }),
    ];
    let epub = write_epub(&book, &assets(), &starts, &fonts(), &EpubOptions::default()).unwrap();
    let x = text_of(&entries(&epub), "EPUB/article.xhtml");
    assert!(x.contains("bồi dưỡng, <span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-2\" aria-label=\"2\"></span>tổng kết"), "{x}");
}

#[test]
fn page_starts_from_another_book_are_refused() {
    let book = single();
    let f = fonts();
    let bad = [
        vec![PageStart::Article(Anchor {
            article: 3,
            leaf: 0,
            offset: 0,
        })],
        vec![PageStart::Article(Anchor {
            article: 0,
            leaf: 10_000,
            offset: 0,
        })],
        vec![PageStart::Article(Anchor {
            article: 0,
            leaf: 2,
            offset: 100_000,
        })],
        vec![
            PageStart::Article(Anchor {
                article: 0,
                leaf: 5,
                offset: 0,
            }),
            PageStart::Article(Anchor {
                article: 0,
                leaf: 1,
                offset: 0,
            }),
        ],
    ];
    for starts in bad {
        match write_epub(&book, &assets(), &starts, &f, &EpubOptions::default()) {
            Err(EpubError::PageStart { .. }) => {}
            other => panic!("{starts:?} gave {:?}", other.map(|v| v.len())),
        }
    }
    let empty = Book {
        edition_title: None,
        articles: vec![],
    };
    assert!(matches!(
        write_epub(&empty, &assets(), &[], &f, &EpubOptions::default()),
        Err(EpubError::EmptyBook)
    ));
}

#[test]
fn embedded_font_is_a_subset_that_covers_every_character_shown() {
    let b = build(&single(), None);
    let e = entries(&b.epub);
    let f = fonts();
    for (name, face) in [
        ("Regular", layout::Face::Regular),
        ("Bold", layout::Face::Bold),
    ] {
        let data = &e[&format!("EPUB/fonts/Andika-{name}.ttf")];
        let original = f.face_data(face);
        assert!(
            data.len() * 3 < original.len(),
            "{name}: {} of {} bytes is not a subset",
            data.len(),
            original.len()
        );
        let sub = ttf_parser::Face::parse(data, 0).expect("the subset parses");
        let full = ttf_parser::Face::parse(original, 0).unwrap();
        assert!(rustybuzz::Face::from_slice(data, 0).is_some());
        let mut chars = BTreeSet::new();
        for doc in spine(&e) {
            chars.extend(
                plain(&text_of(&e, &format!("EPUB/{doc}")))
                    .chars()
                    .filter(|c| !c.is_whitespace()),
            );
        }
        assert!(chars.contains(&'Ể') && chars.contains(&'ư'));
        for c in chars {
            let g = sub
                .glyph_index(c)
                .unwrap_or_else(|| panic!("{name}: {c:?} is not in the subset"));
            assert_eq!(Some(g), full.glyph_index(c), "glyph ids are kept");
            assert!(
                sub.outline_glyph(g, &mut NoPen).is_some(),
                "{name}: {c:?} has no outline"
            );
        }
        // A character the book does not use is gone.
        assert!(sub.glyph_index('Ж').is_none() || full.glyph_index('Ж').is_none());
        assert!(sub.glyph_index('ỹ').is_none(), "ỹ is not in the book");
    }
}

struct NoPen;
impl ttf_parser::OutlineBuilder for NoPen {
    fn move_to(&mut self, _: f32, _: f32) {}
    fn line_to(&mut self, _: f32, _: f32) {}
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
    fn close(&mut self) {}
}

#[test]
fn deeply_nested_quotes_do_not_overflow() {
    let mut block = para("Đoạn trong cùng.");
    for _ in 0..20_000 {
        block = Block::Quote {
            blocks: vec![block],
        };
    }
    let book = Book::single(Article {
        meta: Meta {
            title: "Lồng sâu".into(),
            language: "vi".into(),
            ..Meta::default()
        },
        blocks: vec![block],
        warnings: vec![],
    });
    let epub = write_epub(
        &book,
        &Assets::default(),
        &[],
        &fonts(),
        &EpubOptions::default(),
    )
    .unwrap();
    let x = text_of(&entries(&epub), "EPUB/article.xhtml");
    assert_eq!(x.matches("<blockquote>").count(), 20_000);
    // Dropping a 20,000-deep tree recurses in drop glue, which is not what is tested here.
    std::mem::forget(book);
}
