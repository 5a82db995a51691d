//! Unit tests of the whole extraction on small pages written here.

use super::*;
use crate::model::{plain_text, Block};

fn paras(a: &Article) -> Vec<String> {
    a.blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .map(Block::plain_text)
        .collect()
}

#[test]
fn deep_nesting_does_not_overflow() {
    let n = 20_000;
    let text = "Phong trào thi đua yêu nước được phát động sâu rộng, thu hút đông đảo cán bộ, công chức, viên chức và nhân dân tham gia, tạo động lực lớn cho phát triển kinh tế - xã hội của địa phương.";
    let html = format!(
        "<html><head><title>Bài sâu - Cổng thông tin</title></head><body><h1>Bài viết lồng sâu</h1>{}<p>{text}</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    // Run on a thread with a small stack to prove no recursion grows with depth.
    let a = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || extract_str(&html, "deep.html"))
        .expect("thread")
        .join()
        .expect("no stack overflow")
        .expect("article");
    assert_eq!(a.meta.title, "Bài viết lồng sâu");
    assert!(paras(&a).iter().any(|p| p == text), "{:?}", paras(&a));
}

#[test]
fn no_article_is_an_error_naming_the_page() {
    let e = extract(
        b"<html><body><ul><li><a href='/'>Trang chu</a></li></ul></body></html>",
        "samples/empty.html",
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with("samples/empty.html: no article found: "),
        "{msg}"
    );
}

#[test]
fn img_br_span_caption_and_chrome() {
    let body = "Nội dung bài viết về phong trào thi đua yêu nước tại huyện Bạch Thông, tỉnh Bắc Kạn, với nhiều hình thức đa dạng, phong phú.";
    let html = format!(
        r##"<html lang="vi"><head><title>X</title></head><body>
        <div class="breadcrumb"><a href="/">Trang chủ</a> » Tin tức</div>
        <div class="content"><h1>Tiêu đề bài viết thử</h1>
        <div class="toolbar"><a href="#">Tăng cỡ chữ</a> <a href="#">Giảm cỡ chữ</a></div>
        <p>{body}</p>
        <p style="text-align:center"><img src="images/a.jpg" alt="Ảnh"><br><span>Chú thích <em>ảnh</em> một</span></p>
        <p>{body}</p>
        <table class="image" align="center"><tr><td><img src="b.png"></td></tr><tr><td class="caption">Chú thích hai<br>dòng hai</td></tr></table>
        <p>{body}</p></div>
        <div class="footer">Bản quyền thuộc về UBND tỉnh</div></body></html>"##
    );
    let a = extract_str(&html, "x/index.html").expect("article");
    assert_eq!(a.meta.profile, "generic");
    let figs: Vec<_> = a
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
        .collect();
    assert_eq!(figs.len(), 2);
    assert_eq!(figs[0].src, "x/images/a.jpg");
    assert_eq!(plain_text(&figs[0].caption), "Chú thích ảnh một");
    assert_eq!(figs[1].src, "x/b.png");
    assert_eq!(plain_text(&figs[1].caption), "Chú thích hai dòng hai");
    let ps = paras(&a);
    assert_eq!(ps.len(), 3, "{ps:?}");
    let json = a.to_json().to_string();
    for chrome in ["Tăng cỡ chữ", "Trang chủ", "Bản quyền"] {
        assert!(!json.contains(chrome), "{chrome} kept");
    }
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn warns_for_undescribed_images() {
    let body = "Nội dung bài viết về phong trào thi đua yêu nước tại huyện Bạch Thông, tỉnh Bắc Kạn, với nhiều hình thức đa dạng, phong phú.";
    let html = format!("<body><h1>Tiêu đề bài</h1><article><p>{body}</p><p><img src='c.jpg'></p><p>{body}</p></article></body>");
    let a = extract_str(&html, "c.html").expect("article");
    assert_eq!(
        a.warnings,
        vec!["image c.jpg has neither alt text nor a caption".to_string()]
    );
}

#[test]
fn repairs_mojibake_page() {
    let good = "<html><head><title>T</title></head><body><h1>Giải thưởng báo chí tỉnh Bắc Kạn</h1><div><p>Hội đồng Thi đua - Khen thưởng tỉnh đã tổ chức lễ trao giải thưởng báo chí năm 2020, tôn vinh các tác giả, nhóm tác giả có tác phẩm xuất sắc về xây dựng Đảng.</p><p>Giải thưởng nhằm khuyến khích, động viên đội ngũ những người làm báo, cộng tác viên tích cực sáng tác.</p></div></body></html>";
    let (bad, _, _) = encoding_rs::WINDOWS_1252.decode(good.as_bytes());
    let a = extract_str(&bad, "m.html").expect("article");
    assert_eq!(a.meta.title, "Giải thưởng báo chí tỉnh Bắc Kạn");
    assert!(
        a.warnings.iter().any(|w| w.contains("repaired")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn publishing_portal_variant_with_title_in_view_data() {
    // Older PublishingPortal skin: h3.ms-WPTitle captions, no title in the toolbar, the lead
    // as the bold first paragraph of the rich text, a "Tin, ảnh:" credit, a page read by URL.
    let p = "Ngày 20/8, Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh đã tổ chức đoàn kiểm tra tiến độ thực hiện tại các huyện Na Rì, Ngân Sơn và Pác Nặm, ghi nhận nhiều kết quả tích cực.";
    let html = format!(
        r#"<html><body><form id="aspnetForm">
        <div class="menu-horizontal"><a href="/">Trang chủ</a></div>
        <table><tr><td><h3 class="ms-WPTitle"><span>PublishingPortal - Block_BanTin_Toolbar</span></h3></td></tr></table>
        <div class="ms-WPBody" id="WebPartWPQ4"><span>Thứ năm, 20/08/2020</span> <a href="javascript:;">Tăng cỡ chữ</a> <a href="javascript:;">Giảm cỡ chữ</a></div>
        <table><tr><td><h3 class="ms-WPTitle"><span>PublishingPortal - Block_BanTin_ViewData</span></h3></td></tr></table>
        <div class="ms-WPBody" id="WebPartWPQ5"><h2 class="tieude">Kiểm tra tiến độ chương trình mục tiêu quốc gia</h2>
        <div id="ctl00_PlaceHolderMain_RichHtmlField" class="ms-rtestate-field">
        <p><strong>Đoàn kiểm tra đánh giá cao sự vào cuộc của các huyện trong thực hiện các chương trình mục tiêu quốc gia năm 2020.</strong></p>
        <p>{p}</p><p>&nbsp;</p>
        <p><img src="/PublishingImages/2020/08/kiem-tra.jpg" alt="Đoàn kiểm tra tại Na Rì"></p>
        <p>{p}</p>
        <p style="text-align:right"><strong>Tin, ảnh: Ngọc Ánh</strong></p></div></div>
        <div class="footer">Cổng thông tin</div></form></body></html>"#
    );
    let a = extract_str(&html, "https://backan.gov.vn/Pages/kiem-tra.aspx").expect("article");
    assert_eq!(a.meta.profile, "publishing-portal");
    assert_eq!(
        a.meta.title,
        "Kiểm tra tiến độ chương trình mục tiêu quốc gia"
    );
    assert_eq!(a.meta.date.as_deref(), Some("2020-08-20"));
    assert_eq!(a.meta.author.as_deref(), Some("Ngọc Ánh"));
    assert!(a
        .meta
        .lead
        .as_deref()
        .is_some_and(|l| l.starts_with("Đoàn kiểm tra đánh giá cao")));
    assert_eq!(paras(&a), vec![p.to_string(), p.to_string()]);
    let fig = a
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
        .expect("figure");
    assert_eq!(
        fig.src,
        "https://backan.gov.vn/PublishingImages/2020/08/kiem-tra.jpg"
    );
    let json = a.to_json().to_string();
    for chrome in [
        "PublishingPortal",
        "Tăng cỡ chữ",
        "Trang chủ",
        "Cổng thông tin",
    ] {
        assert!(!json.contains(chrome), "{chrome} kept");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Any mix of markup fragments gives an article or a typed error, never a panic, and an
    /// article's text is always clean NFC.
    #[test]
    fn arbitrary_markup_never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
        "<p>", "</p>", "<div class=\"ms-rtestate-field\">", "</div>", "<table><tr><td>", "</td></tr></table>",
        "<img src=\"a.jpg\">", "<br>", "<h1>", "</h1>", "<h3>", "<ul><li>", "</li></ul>", "<b>", "</b>",
        "<em>", "<a href=\"/x\">", "</a>", "<figure><figcaption>", "</figcaption></figure>", "<blockquote>",
        "Phong trào thi đua yêu nước, được phát động sâu rộng, ", "29/07/2020 ", "&nbsp;", "\u{200B}",
        "Tăng cỡ chữ", "<p style=\"text-align:right\"><strong>", "PublishingPortal - Block_BanTin_ViewData",
        "e\u{0301}", "<td colspan=\"x\">", "<span style=\"display:none\">",
    ]), 0..120)) {
        let html = parts.concat();
        if let Ok(a) = extract_str(&html, "p.html") {
            let json = a.to_json().to_string();
            proptest::prop_assert!(unicode_normalization::is_nfc(&json));
            let junk_free = !json.contains(['\u{00A0}', '\u{200B}']);
            proptest::prop_assert!(junk_free, "junk in {}", json);
            proptest::prop_assert!(!a.meta.title.is_empty());
        }
    }
}

#[test]
fn old_table_layout_page() {
    // A commune site from the 2000s: layout table, <font>, <br><br> paragraphs, no headings.
    let html = r#"<html><head><title>UBND xã Cẩm Giàng - Hội nghị sơ kết</title></head>
    <body><table width="980"><tr><td colspan="2"><img src="banner.gif" width="980" height="100"></td></tr>
    <tr><td width="180"><a href="/">Trang chủ</a><br><a href="/gt">Giới thiệu</a><br><a href="/tt">Tin tức</a></td>
    <td><font face="Arial" size="2"><b><font size="4">Hội nghị sơ kết 6 tháng đầu năm 2019</font></b><br>
    <i>Ngày đăng: 12/07/2019</i><br><br>
    Ngày 11/7, UBND xã Cẩm Giàng tổ chức hội nghị sơ kết tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm.<br><br>
    Sáu tháng đầu năm, tổng diện tích gieo trồng cây hằng năm của xã đạt 320 ha, bằng 52% kế hoạch; công tác bảo vệ rừng được quan tâm.
    </font></td></tr><tr><td colspan="2" align="center">Bản quyền thuộc UBND xã Cẩm Giàng</td></tr></table></body></html>"#;
    let a = extract_str(html, "old.html").expect("article");
    assert_eq!(a.meta.profile, "generic");
    assert_eq!(a.meta.title, "Hội nghị sơ kết 6 tháng đầu năm 2019");
    assert_eq!(a.meta.date.as_deref(), Some("2019-07-12"));
    let ps = paras(&a);
    assert_eq!(ps.len(), 2, "{ps:?}");
    assert!(ps[0].starts_with("Ngày 11/7, UBND xã Cẩm Giàng"));
    assert!(ps[1].starts_with("Sáu tháng đầu năm"));
}

#[test]
fn deep_nesting_of_every_container_kind() {
    let text = "Phong trào thi đua yêu nước được phát động sâu rộng, thu hút đông đảo cán bộ, công chức, viên chức và nhân dân tham gia, tạo động lực lớn cho phát triển kinh tế - xã hội của địa phương.";
    for (open, close) in [
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<span>", "</span>"),
        ("<b><i>", "</i></b>"),
    ] {
        let n = 3_000;
        let html = format!(
            "<html><body><h1>Bài viết lồng sâu</h1><div><p>{text}</p>{}<p>{text}</p>{}</div></body></html>",
            open.repeat(n),
            close.repeat(n)
        );
        let a = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || extract_str(&html, "deep.html"))
            .expect("thread")
            .join()
            .unwrap_or_else(|_| panic!("stack overflow with {open}"))
            .expect("article");
        let all = a.to_json().to_string();
        assert!(
            all.matches("tạo động lực lớn").count() >= 2,
            "{open}: text lost"
        );
    }
}
