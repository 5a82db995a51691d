//! Extraction of the samples: golden snapshots of every sample's Article (reviewed by hand;
//! any change in what is kept or stripped shows up as a snapshot diff) and explicit checks of
//! what each sample exists to exercise. The seed page's expected text is the seed article
//! itself, written out below independently of the extractor.

use largeprint::extract::extract;
use largeprint::model::{plain_text, Block, Figure};
use largeprint::Article;

const SAMPLES: &[&str] = &[
    "backan-bach-thong-thi-dua",
    "ministry-khen-thuong-1258",
    "liferay-xay-dung-nong-thon-moi-nfd",
    "vnexpress-thu-hoach-lua",
    "vccorp-hoi-nghi-thi-dua",
    "generic-huyen-cho-don",
];

fn load(name: &str) -> Article {
    let path = format!("samples/{name}/index.html");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    extract(&bytes, &path).unwrap_or_else(|e| panic!("{e}"))
}

fn paragraphs(a: &Article) -> Vec<String> {
    a.blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .map(Block::plain_text)
        .collect()
}

fn figures(a: &Article) -> Vec<&Figure> {
    a.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
        .collect()
}

fn json_text(a: &Article) -> String {
    a.to_json().to_string()
}

/// The seed article's body paragraphs, exactly as published (including its NO-BREAK SPACEs).
const SEED_PARAGRAPHS: [&str; 11] = [
    "Những năm qua, tại huyện Bạch Thông, phong trào thi đua yêu nước được các cấp ủy đảng, chính quyền, các tổ chức hội đoàn thể\u{a0}quan tâm chỉ đạo, phát động sâu rộng với nhiều hình thức đa dạng, phong phú, thu hút sự tham gia, hưởng ứng nhiệt tình của đông đảo cán bộ, công chức, viên chức, các ngành, các cấp và tầng lớp nhân dân, tạo động lực lớn trong việc nỗ lực phấn đấu hoàn thành xuất sắc nhiệm vụ được giao, góp phần từng bước xây dựng huyện Bạch Thông ngày càng phát triển.",
    "Công tác chỉ đạo, điều hành của UBND huyện và Hội đồng Thi đua - Khen thưởng huyện trong suốt những năm qua luôn được chú trọng, tập trung vào thực hiện tốt các chỉ tiêu phát triển kinh tế - xã hội của địa phương. Qua đó, chất lượng phong trào thi đua gắn với thực hiện các chỉ tiêu kinh tế - xã hội, quốc phòng - an ninh được nâng lên và đạt được kết quả đáng khen ngợi khi được Cụm thi đua các huyện, thành phố suy tôn 01 lượt là đơn vị dẫn đầu trong phong trào thi đua Cụm và được UBND tỉnh tặng 01 lượt Cờ thi đua cấp tỉnh.",
    "Hưởng ứng phong trào thi đua “Bắc Kạn chung sức xây dựng nông thôn mới”, UBND huyện đã tổ chức phát động phong trào “Bạch Thông chung sức xây dựng nông thôn mới”, thu hút sự quan tâm, hưởng ứng\u{a0}của đông đảo cơ quan, đơn vị, các doanh nghiệp trên địa bàn với nhiều việc làm thiết thực. Toàn huyện hiện đã có 02 xã đạt 19 tiêu chí (Cẩm Giàng, Quang Thuận); xã Dương Phong đạt 17 tiêu chí và đang phấn đầu về đích nông thôn mới năm 2020; 07 xã đạt 10 - 14 tiêu chí; 03 xã đạt 5 - 9 tiêu chí và không có xã đạt dưới 05 tiêu chí. Bộ mặt nông thôn mới đang hình thành rõ nét, đời sống vật chất, tinh thần của người dân ngày càng được nâng cao.",
    "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” và cuộc vận động “Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư” được huyện lồng ghép với thực hiện Đề án xây dựng “Nếp sống văn hóa - văn minh đô thị, phong trào xanh - sạch - đẹp”. \u{a0}Qua đó, từng bước nâng cao chất lượng các danh hiệu cơ quan, đơn vị, doanh nghiệp văn hóa, gia đình văn hóa, khu dân cư văn hóa, triển khai xây dựng có hiệu quả văn hoá công sở, văn hoá doanh nghiệp, văn hoá khu dân cư; xây dựng nếp sống văn minh trong việc cưới, việc tang và lễ, hội.",
    "Thực hiện Phong trào thi đua “Cả nước chung tay vì người nghèo, không ai bị bỏ lại phía sau”, những năm qua, UBND huyện đã chỉ đạo, phối hợp cùng MTTQ và các tổ chức chính trị xã hội tiếp tục huy động mọi nguồn lực của xã hội thực hiện công tác an sinh xã hội, tạo sự đồng thuận của toàn xã hội với công tác chăm lo cho người nghèo; tuyên truyền, vận động các hộ nghèo vươn lên vượt khó, không ỷ lại vào sự hỗ trợ của Nhà nước... Đồng thời tổ chức các hoạt động biểu dương, tôn vinh, khen thưởng các gương tiên tiến, điển hình trong công tác vì người nghèo và an sinh xã hội, tạo sức lan tỏa trong cộng đồng nhằm mục tiêu giảm nghèo bền vững, xây dựng nông thôn mới, đô thị văn minh.",
    "Việc học tập Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về “Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” được huyện Bạch Thông triển khai thực hiện nghiêm túc từ cấp huyện đến cơ sở theo chỉ đạo, hướng dẫn của Trung ương, của Tỉnh ủy. Qua học tập chuyên đề mỗi năm, đã có gần 250 tập thể xây dựng kế hoạch làm theo Bác và trên 3.000 đảng viên, cá nhân chưa phải đảng viên xây dựng bản cam kết tu dưỡng, rèn luyện. Đến nay, việc đăng ký làm theo Bác tại các chi, đảng bộ trên địa bàn huyện Bạch Thông đã trở thành việc làm thường xuyên, liên tục của cán bộ, đảng viên, tạo thành phong trào thi đua sôi nổi trong lao động sản xuất, thực hiện nhiệm vụ của địa phương, cơ quan, đơn vị. Phong trào thi đua đã từng bước trở thành phong trào sinh hoạt chính trị rộng lớn trong cán bộ, đảng viên và trong nhân dân. Trên các lĩnh vực công tác, xuất hiện ngày càng nhiều tập thể và cá nhân điển hình, gương mẫu trong học tập và làm theo tấm gương đạo đức của Bác.",
    "Phong trào “Nông dân thi đua sản xuất kinh doanh giỏi, đoàn kết giúp nhau làm giàu và giảm nghèo bền vững” được đông đảo cán bộ, hội viên và nông dân huyện Bạch Thông hưởng ứng. Nhờ đó, đời sống của nhân dân trên địa bàn huyện được nâng lên, tác động tích cực tới những phong trào khác của địa phương. Điển hình như phong trào xây dựng nông thôn mới, các cấp Hội Nông dân trong toàn huyện tích cực vận động hội viên, nông dân tham gia bằng những việc làm cụ thể, góp phần thúc đẩy phát triển kinh tế xã hội ở nông thôn, xóa đói, giảm nghèo, tăng thêm hộ nông dân khá, tạo thêm công ăn việc làm và cải thiện đời sống.",
    "Ngoài ra, huyện Bạch Thông còn tích cực hưởng ứng và thực hiện tốt công tác thi đua khối các huyện, thành phố trên địa bàn tỉnh Bắc Kạn và các phong trào thi đua do các cấp, các ngành phát động.",
    "Các phong trào thi đua được triển khai có hiệu quả đã góp phần quan trọng trong thực hiện các nhiệm vụ phát triển kinh tế - xã hội, đảm bảo quốc phòng - an ninh địa phương. Đến nay, bình quân lương thực đầu người của huyện đạt 662 kg/năm. Bình quân mỗi năm, huyện có gần 500 ha diện tích đất ruộng đạt giá trị từ 100 triệu đồng/ha trở lên. Tỷ lệ che phủ rừng của toàn huyện đạt 79%, cao hơn so với bình quân chung của tỉnh là 72,6%. Với 05 xã đạt chuẩn nông thôn mới, huyện Bạch Thông đang đi đầu cả tỉnh trong thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới. Đến nay, 100% số xã và nhiều thôn bản đã có đường ô tô đến trung tâm; 97,4% số thôn, tổ phố xây dựng xong nhà văn hóa; 98% số hộ dân được sử dụng điện lưới quốc gia. Tỷ lệ hộ nghèo của huyện giảm bình quân mỗi năm 2,18%, dự kiến hết năm 2020 còn 15,8%...",
    "Từ các phong trào thi đua, trên địa bàn huyện đã xuất hiện nhiều tập thể, cá nhân, gương điển hình tiêu biểu xuất sắc được Trung ương và cấp tỉnh, huyện ghi nhận, biểu dương, khen thưởng kịp thời. Từ năm 2015 đến nay, huyện Bạch Thông đã vinh dự được Chủ tịch Nước tặng Huy chương kháng chiến hạng Nhì cho 01 cá nhân; Thủ tướng Chính phủ tặng Cờ thi đua, Bằng khen cho 02 tập thể; Chủ tịch UBND tỉnh tặng 05 lượt Cờ thi đua, 05 lượt danh hiệu Chiến sĩ\u{a0}thi đua cấp tỉnh, 32 lượt danh hiệu Tập thể Lao động xuất sắc, tặng Bằng khen đối với 30 lượt tập thể, 32 lượt cá nhân. Ngoài ra, Chủ tịch UBND huyện đã công nhận 2.281 lượt danh hiệu Lao động tiên tiến, Chiến sĩ tiên tiến; 302 lượt danh hiệu Chiến sĩ\u{a0}thi đua cơ sở, 241 lượt danh hiệu tập thể Lao động tiên tiến, tặng giấy khen cho 104 lượt tập thể, 173 lượt cá nhân.",
    "Phát huy những kết quả đạt được trong giai đoạn 2015-2020, trong giai đoạn tiếp theo, huyện Bạch Thông tiếp tục tăng cường công tác chỉ đạo về thi đua, khen thưởng, chú trọng đến các biện pháp, giải pháp đổi mới về nội dung, phương thức tổ chức phong trào thi đua. Nâng cao trách nhiệm của cấp ủy, tổ chức Đảng trong chỉ đạo tổ chức các phong trào thi đua đảm bảo thiết thực, hiệu quả, gắn liền với nhiệm vụ chính trị của từng giai đoạn, phát huy những ưu điểm và khắc phục hạn chế nhằm phấn đấu hoàn thành xuất sắc nhiệm vụ chuyên môn được giao. Tăng cường kiểm tra, giám sát, kịp thời phát hiện, ngăn ngừa tiêu cực trong công tác thi đua, khen thưởng, tránh tình trạng khen thưởng tràn lan, không thực chất. Tiếp tục thực hiện tốt Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành; đẩy mạnh các hoạt động giao lưu văn hóa, thể thao trong các khối thi đua, tạo không khí vui tươi, sôi nổi và đoàn kết giữa các đơn vị./.",
];

/// The text rule: &nbsp; reads as a space and white space collapses.
fn as_extracted(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn golden_snapshots() {
    for name in SAMPLES {
        let a = load(name);
        insta::assert_json_snapshot!(*name, a.to_json());
    }
}

#[test]
fn seed_page_matches_the_seed_article() {
    let a = load("backan-bach-thong-thi-dua");
    assert_eq!(a.meta.profile, "publishing-portal");
    assert_eq!(
        a.meta.title,
        "Bạch Thông thực hiện tốt phong trào thi đua yêu nước, góp phần phát triển kinh tế - xã hội"
    );
    assert_eq!(a.meta.date.as_deref(), Some("2020-07-29"));
    assert_eq!(a.meta.author.as_deref(), Some("Hương Dịu"));
    assert_eq!(a.meta.language, "vi");
    assert!(a.meta.lead.as_deref().is_some_and(|l| l
        .starts_with("Trong giai đoạn 2015-2020, phong trào thi đua yêu nước")
        && l.ends_with("đảm bảo quốc phòng - an ninh của địa phương.")));
    let want: Vec<String> = SEED_PARAGRAPHS.iter().map(|p| as_extracted(p)).collect();
    assert_eq!(
        paragraphs(&a),
        want,
        "every body paragraph, in order, and nothing else"
    );

    let figs = figures(&a);
    assert_eq!(figs.len(), 2);
    assert_eq!(
        figs[0].src,
        "samples/backan-bach-thong-thi-dua/images/nong-dan-gioi.jpg"
    );
    assert_eq!(
        plain_text(&figs[0].caption),
        "Anh Dương Văn Nguyên, thôn Nà Đinh, xã Quang Thuận là một trong những nông dân sản xuất giỏi tại địa phương"
    );
    assert_eq!(
        figs[1].src,
        "samples/backan-bach-thong-thi-dua/images/bieu-duong.jpg"
    );
    assert_eq!(
        plain_text(&figs[1].caption),
        "Các tập thể được biểu dương tại Hội nghị điển hình tiên tiến trong phong trào thi đua yêu nước giai đoạn 2015-2020"
    );
    // Figures sit after body paragraphs 3 and 9.
    let kinds: Vec<&str> = a
        .blocks
        .iter()
        .map(|b| match b {
            Block::Figure(_) => "F",
            Block::Paragraph { .. } => "P",
            _ => "?",
        })
        .collect();
    assert_eq!(kinds.concat(), "PPPFPPPPPPFPP");

    let all = json_text(&a);
    for chrome in [
        "PublishingPortal",
        "Block_BanTin",
        "Tăng cỡ chữ",
        "Giảm cỡ chữ",
        "Các tin khác",
        "\u{200B}",
        "Chuyên mục",
        "Liên kết website",
        "Lượt truy cập",
        "Cơ quan chủ quản",
        "Thao tác trang",
        "Trang chủ",
        "Pác Nặm tổng kết",
        "CỔNG THÔNG TIN",
        "print.gif",
        "_layouts",
    ] {
        assert!(!all.contains(chrome), "chrome kept: {chrome}");
    }
    assert!(
        !paragraphs(&a).iter().any(|p| p.contains("Hương Dịu")),
        "author also a paragraph"
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn windows_1258_page() {
    let bytes = std::fs::read("samples/ministry-khen-thuong-1258/index.html").expect("sample");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the sample must really be windows-1258"
    );
    assert_eq!(largeprint::text::decode(&bytes).encoding, "windows-1258");
    let a = load("ministry-khen-thuong-1258");
    assert_eq!(a.meta.profile, "ministry-aspnet");
    assert_eq!(
        a.meta.title,
        "Tổng kết công tác thi đua, khen thưởng 6 tháng đầu năm 2020"
    );
    assert_eq!(a.meta.date.as_deref(), Some("2020-07-16"));
    assert_eq!(
        a.meta.date_original.as_deref(),
        Some("Thứ năm, 16/07/2020 | 14:30")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Minh Khôi"));
    let table = a
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    assert_eq!(table.rows.len(), 7);
    let head = &table.rows[0].cells;
    assert_eq!(plain_text(&head[0].inlines), "Hình thức khen thưởng");
    assert!(head[0].header && head[0].rowspan == 2);
    assert_eq!(plain_text(&head[1].inlines), "Số lượng");
    assert!(head[1].header && head[1].colspan == 2);
    assert!(table.rows[1].cells.iter().all(|c| c.header));
    assert!(table.rows[2].cells.iter().all(|c| !c.header));
    assert_eq!(table.rows[6].cells[0].colspan, 3);
    let figs = figures(&a);
    assert_eq!(figs.len(), 1);
    assert_eq!(
        plain_text(&figs[0].caption),
        "Trao tặng Huân chương Lao động cho các tập thể có thành tích xuất sắc"
    );
    let all = json_text(&a);
    for chrome in [
        "Cỡ chữ",
        "In bài",
        "Nguồn:",
        "Hội nghị giao ban",
        "Bản quyền",
        "Thăm dò",
        "Danh mục",
    ] {
        assert!(!all.contains(chrome), "chrome kept: {chrome}");
    }
}

#[test]
fn nfd_liferay_page() {
    let raw = std::fs::read_to_string("samples/liferay-xay-dung-nong-thon-moi-nfd/index.html")
        .expect("sample");
    assert!(
        raw.contains("Be\u{0302}\u{0309}"),
        "the sample must really be NFD"
    );
    let a = load("liferay-xay-dung-nong-thon-moi-nfd");
    assert_eq!(a.meta.profile, "liferay");
    assert_eq!(a.meta.title, "Ba Bể: Nông thôn mới khởi sắc nhờ sức dân");
    assert_eq!(a.meta.date.as_deref(), Some("2020-08-05"));
    // The old tone placement of the author's name stays as written.
    assert_eq!(a.meta.author.as_deref(), Some("Nguyễn Hoà"));
    let all = json_text(&a);
    assert!(
        !all.contains('\u{0302}') && !all.contains('\u{0309}'),
        "output must be NFC"
    );
    assert!(!all.contains("Tin tức - Sự kiện"), "portlet title kept");
    assert!(!all.contains("Chợ Đồn tổng kết"), "related links kept");
    let levels: Vec<u8> = a
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    assert_eq!(
        levels,
        vec![2, 3, 2],
        "h2, h4, h2 become consecutive levels"
    );
    let list = a
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::List(l) => Some(l),
            _ => None,
        })
        .expect("a list");
    assert!(list.ordered);
    assert_eq!(list.items.len(), 3);
    let nested = list.items[1]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::List(l) => Some(l),
            _ => None,
        })
        .expect("nested list in item 2");
    assert!(!nested.ordered);
    assert_eq!(nested.items.len(), 3);
    let quote = a
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Quote { .. }))
        .expect("a quote");
    assert!(quote.plain_text().starts_with("“Trước đây đường vào bản"));
    let figs = figures(&a);
    assert_eq!(figs.len(), 2);
    assert!(figs[0].src.ends_with("images/duong-be-tong.png"));
    assert_eq!(
        plain_text(&figs[1].caption),
        "Nhà văn hóa thôn Pác Ngòi, xã Nam Mẫu"
    );
    assert!(
        !paragraphs(&a)
            .iter()
            .any(|p| p.starts_with("Thứ tư, ngày 05")),
        "dateline kept in body"
    );
}

#[test]
fn vnexpress_page() {
    let a = load("vnexpress-thu-hoach-lua");
    assert_eq!(a.meta.profile, "vnexpress");
    assert_eq!(a.meta.date.as_deref(), Some("2020-06-13"));
    assert_eq!(a.meta.author.as_deref(), Some("Văn Ngọc"));
    let lead = a.meta.lead.as_deref().expect("lead");
    assert!(
        lead.starts_with("Hơn 12.000 ha"),
        "location stamp dropped: {lead}"
    );
    let figs = figures(&a);
    assert_eq!(figs.len(), 2);
    assert_eq!(
        plain_text(&figs[0].caption),
        "Cánh đồng lúa chín vàng ở xã Quang Thuận, huyện Bạch Thông. Ảnh: Văn Ngọc"
    );
    assert_eq!(
        plain_text(&figs[1].caption),
        "Máy gặt đập liên hợp của Hợp tác xã Thành Công thu hoạch lúa cho người dân."
    );
    let ps = paragraphs(&a);
    assert_eq!(ps.len(), 4);
    assert!(
        ps[2].ends_with("Xem thêm các tin về nông nghiệp."),
        "{}",
        ps[2]
    );
    let all = json_text(&a);
    for chrome in [
        "Giá lúa tăng",
        "Cơ giới hóa",
        "Bắc Kạn phát triển lúa hàng hóa",
        "Chia sẻ",
        "lúa xuân\"",
        "Ý kiến",
        "Quảng cáo",
        "Thời sự",
    ] {
        assert!(!all.contains(chrome), "chrome kept: {chrome}");
    }
}

#[test]
fn vccorp_page() {
    let a = load("vccorp-hoi-nghi-thi-dua");
    assert_eq!(a.meta.profile, "vccorp");
    assert_eq!(a.meta.date.as_deref(), Some("2020-07-29"));
    assert_eq!(a.meta.author.as_deref(), Some("Thu Trang"));
    assert!(a
        .meta
        .lead
        .as_deref()
        .is_some_and(|l| l.starts_with("Ngày 29/7, UBND tỉnh Bắc Kạn")));
    let figs = figures(&a);
    assert_eq!(figs.len(), 1);
    assert_eq!(figs[0].alt.as_deref(), Some("Quang cảnh hội nghị"));
    assert!(plain_text(&figs[0].caption).starts_with("Quang cảnh Hội nghị điển hình tiên tiến"));
    let list = a
        .blocks
        .iter()
        .find(|b| matches!(b, Block::List(_)))
        .expect("a list");
    assert_eq!(list.plain_text().lines().count(), 4);
    let all = json_text(&a);
    for chrome in [
        "Hà Giang",
        "Tin liên quan",
        "Lạng Sơn",
        "Gửi email",
        "Đọc nhiều",
        "Thi đua khen thưởng\"",
        "Chinhphu.vn",
    ] {
        assert!(!all.contains(chrome), "chrome kept: {chrome}");
    }
}

#[test]
fn generic_page() {
    let a = load("generic-huyen-cho-don");
    assert_eq!(a.meta.profile, "generic");
    assert_eq!(
        a.meta.title,
        "Chợ Đồn: Trao 200 suất quà cho học sinh nghèo vượt khó trước năm học mới"
    );
    assert_eq!(a.meta.date.as_deref(), Some("2020-09-02"));
    assert_eq!(a.meta.author.as_deref(), Some("Hoàng Lan"));
    assert!(a
        .meta
        .lead
        .as_deref()
        .is_some_and(|l| l.starts_with("Ngày 1/9, Hội Khuyến học")));
    let figs = figures(&a);
    assert_eq!(figs.len(), 2);
    assert_eq!(
        plain_text(&figs[0].caption),
        "Các em học sinh trường Tiểu học Bằng Lũng nhận quà từ Hội Khuyến học huyện"
    );
    assert_eq!(
        plain_text(&figs[1].caption),
        "Những phần quà được chuẩn bị chu đáo trước buổi trao tặng"
    );
    let ps = paragraphs(&a);
    // The <br><br> inside the note splits it into two paragraphs.
    assert!(ps.iter().any(|p| p.starts_with("Em Triệu Thị Mai")));
    assert!(ps
        .iter()
        .any(|p| p.starts_with("Cùng ngày, Đoàn Thanh niên")));
    for p in &ps {
        assert!(
            !p.contains("Những phần quà") && !p.contains("Các em học sinh trường"),
            "caption also a paragraph: {p}"
        );
    }
    let all = json_text(&a);
    for chrome in [
        "Tin liên quan",
        "Hơn 9.000 học sinh",
        ">>",
        "Bài viết cùng chuyên mục",
        "Tin mới",
        "bình luận",
        "Tìm kiếm",
        "Giới thiệu chung",
        "Zalo",
        "Thống kê",
    ] {
        assert!(!all.contains(chrome), "chrome kept: {chrome}");
    }
}

#[test]
fn every_sample_is_clean_nfc_text() {
    use unicode_normalization::is_nfc;
    for name in SAMPLES {
        let a = load(name);
        let all = json_text(&a);
        assert!(is_nfc(&all), "{name}: not NFC");
        for junk in ['\u{00A0}', '\u{200B}', '\u{FEFF}', '\u{FFFD}'] {
            assert!(!all.contains(junk), "{name}: {junk:?} in output");
        }
        assert!(
            !a.meta.title.is_empty() && a.meta.date.is_some() && a.meta.author.is_some(),
            "{name}"
        );
        assert!(!figures(&a).is_empty(), "{name}: no figure");
        for f in figures(&a) {
            assert!(
                std::path::Path::new(&f.src).is_file(),
                "{name}: {} is not a file",
                f.src
            );
            assert!(!f.caption.is_empty(), "{name}: {} has no caption", f.src);
        }
    }
}
