//! Fixtures and readers shared by the EPUB tests: books built in code, the editions the
//! pipeline makes of them, and small readers of the zip and its XHTML.
#![allow(dead_code)]

use largeprint::assets::Assets;
use largeprint::layout::{self, FontFamily, Fonts, PageStart, Style};
use largeprint::model::{
    Article, Block, Book, Cell, Figure, Inline, List, ListItem, Meta, Row, Table,
};
use largeprint::render::epub::{write_epub, EpubOptions};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn t(s: &str) -> Inline {
    Inline::text(s)
}

pub fn para(s: &str) -> Block {
    Block::Paragraph {
        inlines: vec![t(s)],
    }
}

pub const BODY: [&str; 4] = [
    "Những năm qua, phong trào thi đua yêu nước trên địa bàn huyện Bạch Thông được triển khai sâu rộng tới các cơ quan, đơn vị và toàn thể nhân dân, góp phần quan trọng vào việc hoàn thành các chỉ tiêu phát triển kinh tế - xã hội.",
    "Các cấp, các ngành đã chú trọng phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến; công tác khen thưởng ngày càng đi vào thực chất, kịp thời, đúng người, đúng việc.",
    "Ủy ban nhân dân huyện đề nghị tiếp tục đổi mới nội dung, hình thức thi đua, gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; khuyến khích người dân tham gia xây dựng nông thôn mới.",
    "Ông Nguyễn Văn Ể cho biết: “Kết quả đạt được là nhờ sự đồng lòng của cả hệ thống chính trị và sự ủng hộ của Nhân dân.” Đó là động lực để huyện bước vào giai đoạn mới.",
];

pub fn png_bytes(w: u32, h: u32) -> Vec<u8> {
    let img =
        image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 6) as u8, (y * 8) as u8, 128]));
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

pub fn webp_bytes() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(24, 16, |x, _| image::Rgba([200, (x * 10) as u8, 40, 255]));
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut out, image::ImageFormat::WebP)
        .unwrap();
    out.into_inner()
}

/// A realistic article of several pages with every kind of block.
pub fn article(n: usize, title: &str, date: &str) -> Article {
    let mut blocks = vec![
        Block::Heading {
            level: 2,
            inlines: vec![t("Kết quả nổi bật năm 2020")],
        },
        Block::Paragraph {
            inlines: vec![
                t("Theo báo cáo, "),
                Inline::Strong {
                    children: vec![t("100% cơ quan")],
                },
                t(" đã ký giao ước thi đua; "),
                Inline::Emphasis {
                    children: vec![t("nhiều tập thể")],
                },
                t(" được tặng "),
                Inline::Link {
                    href: "https://bachthong.backan.gov.vn/a?x=1&y=2".into(),
                    children: vec![t("Cờ thi đua")],
                },
                t("."),
                Inline::LineBreak,
                t("Chi tiết xem <phụ lục> & bảng dưới."),
            ],
        },
        Block::Figure(Figure {
            src: "anh-hoi-nghi.png".into(),
            alt: Some("Toàn cảnh hội nghị tổng kết".into()),
            caption: vec![t(
                "Quang cảnh hội nghị tổng kết phong trào thi đua năm 2020.",
            )],
        }),
        Block::Figure(Figure {
            src: "anh-bi-mat.jpg".into(),
            alt: None,
            caption: vec![t("Lãnh đạo huyện trao Bằng khen cho các tập thể.")],
        }),
        Block::Figure(Figure {
            src: "bieu-do.webp".into(),
            alt: Some("Biểu đồ số lượt khen thưởng".into()),
            caption: vec![],
        }),
        // A heading that skips a level: written as h3, never h4 after h2.
        Block::Heading {
            level: 4,
            inlines: vec![t("Các tập thể được khen")],
        },
        Block::List(List {
            ordered: true,
            items: vec![
                ListItem {
                    blocks: vec![para("Phòng Giáo dục và Đào tạo huyện.")],
                },
                ListItem {
                    blocks: vec![
                        para("Xã Cẩm Giàng, xã Quân Hà:"),
                        Block::List(List {
                            ordered: false,
                            items: vec![ListItem {
                                blocks: vec![para("Hội Nông dân xã.")],
                            }],
                        }),
                    ],
                },
            ],
        }),
        Block::Table(Table {
            caption: vec![t("Bảng 1. Số lượt khen thưởng")],
            rows: vec![
                Row {
                    cells: vec![
                        Cell {
                            header: true,
                            colspan: 1,
                            rowspan: 1,
                            inlines: vec![t("Hình thức")],
                        },
                        Cell {
                            header: true,
                            colspan: 1,
                            rowspan: 1,
                            inlines: vec![t("Số lượt")],
                        },
                    ],
                },
                Row {
                    cells: vec![
                        Cell {
                            header: false,
                            colspan: 1,
                            rowspan: 1,
                            inlines: vec![t("Bằng khen")],
                        },
                        Cell {
                            header: false,
                            colspan: 1,
                            rowspan: 1,
                            inlines: vec![t("27")],
                        },
                    ],
                },
                Row {
                    cells: vec![
                        Cell {
                            header: false,
                            colspan: 1,
                            rowspan: 1,
                            inlines: vec![t("Giấy khen")],
                        },
                        Cell {
                            header: false,
                            colspan: 1,
                            rowspan: 1,
                            inlines: vec![t("154")],
                        },
                    ],
                },
            ],
        }),
        Block::Quote {
            blocks: vec![para("Thi đua là yêu nước, yêu nước thì phải thi đua.")],
        },
    ];
    for i in 0..(10 + 4 * n) {
        blocks.push(para(BODY[i % BODY.len()]));
        if i == 5 {
            blocks.push(Block::Heading {
                level: 2,
                inlines: vec![t("Phương hướng, nhiệm vụ năm 2021")],
            });
        }
    }
    Article {
        meta: Meta {
            title: title.into(),
            date: Some(date.into()),
            date_original: None,
            author: Some("Hương Dịu".into()),
            lead: Some("(Bạch Thông) - Sáng 29/7, huyện Bạch Thông tổ chức hội nghị tổng kết phong trào thi đua yêu nước.".into()),
            source: format!("samples/built-{n}/index.html"),
            url: None,
            language: "vi".into(),
            profile: "test".into(),
        },
        blocks,
        warnings: vec![],
    }
}

pub fn assets() -> Assets {
    let mut a = Assets::default();
    a.insert("anh-hoi-nghi.png", png_bytes(40, 30));
    a.insert("bieu-do.webp", webp_bytes());
    a
}

pub fn fonts() -> std::sync::Arc<Fonts> {
    Fonts::bundled(FontFamily::Andika).expect("bundled fonts")
}

pub fn single() -> Book {
    Book::single(article(
        1,
        "Bạch Thông thực hiện tốt phong trào thi đua yêu nước",
        "2020-07-29",
    ))
}

pub fn edition() -> Book {
    Book {
        edition_title: Some("Bản tin tuần 30/2020".into()),
        articles: vec![
            article(
                1,
                "Bạch Thông thực hiện tốt phong trào thi đua yêu nước",
                "2020-07-29",
            ),
            article(
                2,
                "Ngân Sơn tổng kết công tác khen thưởng & thi đua",
                "2020-07-30",
            ),
        ],
    }
}

/// A book's editions as built by the real pipeline stages.
pub struct Built {
    /// The EPUB.
    pub epub: Vec<u8>,
    /// The PDF of the same layout.
    pub pdf: Vec<u8>,
    /// Where each PDF page begins.
    pub starts: Vec<PageStart>,
}

pub fn build(book: &Book, modified: Option<i64>) -> Built {
    let assets = assets();
    let fonts = fonts();
    let lay = layout::layout(book, &assets, &Style::default(), &fonts).expect("layout");
    let pdf = largeprint::render::pdf::write_pdf(&lay, book, &assets, &fonts).expect("pdf");
    let starts = lay.page_starts();
    let opts = EpubOptions {
        pdf_file_name: "ban-tin.pdf".into(),
        modified,
    };
    let epub = write_epub(book, &assets, &starts, &fonts, &opts).expect("epub");
    Built { epub, pdf, starts }
}

pub fn entries(epub: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(Cursor::new(epub)).expect("zip");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        out.insert(f.name().to_string(), b);
    }
    out
}

pub fn text_of(e: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(e[name].clone()).expect("utf-8")
}

/// The spine documents, in order.
pub fn spine(e: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let opf = text_of(e, "EPUB/package.opf");
    let mut hrefs = BTreeMap::new();
    for item in opf.split("<item ").skip(1) {
        hrefs.insert(attr(item, "id"), attr(item, "href"));
    }
    opf.split("<itemref ")
        .skip(1)
        .map(|r| hrefs[&attr(r, "idref")].clone())
        .collect()
}

pub fn attr(tag: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    let i = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    tag[i..i + tag[i..].find('"').unwrap()].to_string()
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Character data of an XHTML fragment: block-level tags and line breaks read as a space,
/// inline tags as nothing (a marker inside a word must not split it).
pub fn plain(x: &str) -> String {
    const BLOCK: [&str; 19] = [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "td",
        "th",
        "caption",
        "figcaption",
        "br",
        "ol",
        "ul",
        "tr",
        "blockquote",
        "figure",
        "header",
    ];
    let mut out = String::new();
    let mut rest = x;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i + 1..i + j];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if BLOCK.contains(&name.as_str()) {
            // Two spaces: callers can cut at a block boundary before folding.
            out.push_str("  ");
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    unescape(&out)
}

pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn run_script(script: &str, books: &[PathBuf]) -> String {
    let path = root().join("scripts").join(script);
    assert!(path.exists(), "{} is missing", path.display());
    let out = Command::new("bash")
        .arg(&path)
        .args(books)
        .current_dir(root())
        .output()
        .expect("run script");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{script} failed:\n{text}");
    text
}

pub fn write_books(dir: &Path, books: &[(&str, &[u8])]) -> Vec<PathBuf> {
    books
        .iter()
        .map(|(name, bytes)| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect()
}
