//! Articles built in code for the PDF tests: Vietnamese text with stacked marks, a heading, a
//! list, a wide table, a figure with a real JPEG, a missing image and a long URL.

use std::path::Path;

use largeprint::model::{Article, Block, Cell, Figure, Inline, List, ListItem, Meta, Row, Table};

pub fn p(s: &str) -> Block {
    Block::Paragraph {
        inlines: vec![Inline::text(s)],
    }
}

pub fn cell(s: &str, header: bool) -> Cell {
    Cell {
        header,
        colspan: 1,
        rowspan: 1,
        inlines: vec![Inline::text(s)],
    }
}

/// Writes a small real JPEG (a gradient) to `path`.
pub fn write_jpeg(path: &Path, w: u32, h: u32) {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    std::fs::write(path, out.into_inner()).unwrap();
}

pub const PARAS: [&str; 6] = [
    "Ngày 29/7, Ban Thi đua - Khen thưởng tổ chức Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm. KỂ CẢ NHỮNG ĐIỀU NHỎ NHẤT, MỖI CÁN BỘ ĐỀU PHẢI CỐ GẮNG; Ể, Ỗ, Ậ là những chữ có dấu chồng.",
    "Phong trào thi đua yêu nước đã được các cấp, các ngành triển khai sâu rộng, gắn với việc thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị và địa phương, góp phần quan trọng vào việc hoàn thành các chỉ tiêu kinh tế - xã hội.",
    "Các đại biểu đã thảo luận, đánh giá kết quả đạt được, chỉ ra những hạn chế, tồn tại và đề xuất giải pháp để nâng cao chất lượng, hiệu quả công tác thi đua, khen thưởng trong thời gian tới.",
    "Đồng chí Trưởng ban nhấn mạnh: cần tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua; phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển hình tiên tiến.",
    "Việc khen thưởng phải bảo đảm chính xác, công khai, minh bạch, kịp thời; chú trọng khen thưởng người lao động trực tiếp, công nhân, nông dân và các tập thể nhỏ.",
    "Hội nghị cũng đã trao Bằng khen của Thủ tướng Chính phủ cho các tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua.",
];

/// The test article. `dir` holds its images (`anh.jpg` exists, `mat.jpg` does not).
pub fn article(dir: &Path) -> Article {
    let jpg = dir.join("anh.jpg");
    write_jpeg(&jpg, 320, 200);
    let mut blocks = vec![p(PARAS[0]), p(PARAS[1])];
    blocks.push(Block::Heading {
        level: 2,
        inlines: vec![Inline::text("Kết quả nổi bật")],
    });
    blocks.push(Block::Paragraph {
        inlines: vec![
            Inline::text("Một số "),
            Inline::Emphasis {
                children: vec![Inline::text("kết quả quan trọng")],
            },
            Inline::text(" được ghi nhận như sau:"),
        ],
    });
    blocks.push(Block::List(List {
        ordered: false,
        items: [
            "Tổ chức 12 hội nghị chuyên đề.",
            "Khen thưởng 245 tập thể, 1.024 cá nhân.",
            "Xây dựng 36 mô hình điển hình.",
        ]
        .iter()
        .map(|s| ListItem { blocks: vec![p(s)] })
        .collect(),
    }));
    blocks.push(Block::Figure(Figure {
        src: jpg.display().to_string(),
        alt: Some("Quang cảnh hội nghị".into()),
        caption: vec![Inline::text(
            "Quang cảnh Hội nghị sơ kết công tác thi đua, khen thưởng.",
        )],
    }));
    blocks.push(p(PARAS[2]));
    blocks.push(Block::Table(Table {
        caption: vec![Inline::text("Bảng 1. Kết quả khen thưởng")],
        rows: vec![
            Row {
                cells: [
                    "Đơn vị",
                    "Tập thể được khen",
                    "Cá nhân được khen",
                    "Hình thức khen thưởng",
                    "Ghi chú",
                ]
                .iter()
                .map(|s| cell(s, true))
                .collect(),
            },
            Row {
                cells: [
                    "Sở Nội vụ",
                    "12",
                    "45",
                    "Bằng khen của Chủ tịch UBND tỉnh",
                    "Đợt 1",
                ]
                .iter()
                .map(|s| cell(s, false))
                .collect(),
            },
            Row {
                cells: ["Sở Giáo dục và Đào tạo", "30", "120", "Giấy khen", "Đợt 2"]
                    .iter()
                    .map(|s| cell(s, false))
                    .collect(),
            },
        ],
    }));
    blocks.push(Block::Heading {
        level: 2,
        inlines: vec![Inline::text("Nhiệm vụ thời gian tới")],
    });
    blocks.push(p(PARAS[3]));
    blocks.push(Block::Figure(Figure {
        src: dir.join("mat.jpg").display().to_string(),
        alt: None,
        caption: vec![Inline::text("Ảnh: Trao Bằng khen cho các tập thể.")],
    }));
    blocks.push(p(PARAS[4]));
    blocks.push(Block::Paragraph {
        inlines: vec![
            Inline::text("Xem toàn văn tại "),
            Inline::Link {
                href: "https://thiduakhenthuong.example.gov.vn/tin-tuc/so-ket-cong-tac-thi-dua-khen-thuong-6-thang-dau-nam-2020-va-trien-khai-nhiem-vu".into(),
                children: vec![Inline::text("https://thiduakhenthuong.example.gov.vn/tin-tuc/so-ket-cong-tac-thi-dua-khen-thuong-6-thang-dau-nam-2020-va-trien-khai-nhiem-vu")],
            },
            Inline::text("."),
        ],
    });
    blocks.push(p(PARAS[5]));
    Article {
        meta: Meta {
            title: "Bách Thông thực hiện tốt phong trào thi đua yêu nước".into(),
            date: Some("2020-07-29".into()),
            date_original: Some("Thứ tư, 29/07/2020 | 08:15".into()),
            author: Some("Hương Dịu".into()),
            lead: Some(
                "(BK) - Sáng 29/7, huyện Bạch Thông tổ chức hội nghị sơ kết công tác thi đua."
                    .into(),
            ),
            source: dir.join("index.html").display().to_string(),
            url: None,
            language: "vi".into(),
            profile: "test".into(),
        },
        blocks,
        warnings: vec![],
    }
}
