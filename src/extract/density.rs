//! The generic fallback: find the element that holds the main text by content density, as
//! readability-style extractors do. Every paragraph-like element with enough text outside
//! links scores 1 + its commas + one point per 100 characters (at most 3); the score goes to
//! its parent in full and to its grandparent in half; each candidate's total is then
//! discounted by its share of link text. Chrome (menus, footers, related lists) scores
//! nothing. Two linear passes over the flat DOM: no recursion.

use super::dom::{Dom, Kind, NodeId};
use super::profiles::is_chrome;

/// Least text outside links, in characters, that a page's article body must hold.
pub const MIN_ARTICLE_CHARS: usize = 140;

/// Least text outside links for an element to count as a paragraph.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// The element holding the article body, or why none qualifies.
pub fn best_candidate(dom: &Dom) -> Result<NodeId, String> {
    let n = dom.nodes.len();
    let mut excluded = vec![false; n];
    for id in 1..n {
        let parent = dom.nodes[id].parent.unwrap_or(0);
        excluded[id] = excluded[parent]
            || matches!(dom.tag(id), "head" | "title")
            || (matches!(dom.nodes[id].kind, Kind::Element { .. })
                && (dom.is_hidden(id) || is_chrome(dom, id)));
    }
    let mut text = vec![0usize; n];
    let mut link = vec![0usize; n];
    let mut direct = vec![0usize; n];
    let mut commas = vec![0usize; n];
    for id in (1..n).rev() {
        if excluded[id] {
            continue;
        }
        if let Kind::Text(t) = &dom.nodes[id].kind {
            text[id] = t.chars().filter(|c| !c.is_whitespace()).count();
            commas[id] = t.matches(',').count();
        }
        if dom.tag(id) == "a" {
            link[id] = text[id];
        }
        if let Some(p) = dom.nodes[id].parent {
            text[p] += text[id];
            link[p] += link[id];
            if dom.text_of(id).is_some() {
                direct[p] += text[id];
            }
            commas[p] += commas[id];
        }
    }
    let mut score = vec![0f64; n];
    for id in 1..n {
        if excluded[id] || !matches!(dom.nodes[id].kind, Kind::Element { .. }) {
            continue;
        }
        let paragraph_like = matches!(dom.tag(id), "p" | "pre" | "td" | "blockquote")
            || direct[id] >= MIN_PARAGRAPH_CHARS;
        let own = text[id].saturating_sub(link[id]);
        if !paragraph_like || own < MIN_PARAGRAPH_CHARS {
            continue;
        }
        let s = 1.0 + commas[id] as f64 + (own as f64 / 100.0).min(3.0);
        if let Some(p) = dom.nodes[id].parent {
            score[p] += s;
            if let Some(g) = dom.nodes[p].parent {
                score[g] += s / 2.0;
            }
        }
        // Text sitting directly in a div (no <p>) scores for the div itself too.
        if direct[id] >= MIN_PARAGRAPH_CHARS && !matches!(dom.tag(id), "p" | "pre" | "td") {
            score[id] += s;
        }
    }
    let mut best: Option<(NodeId, f64)> = None;
    for id in 1..n {
        if excluded[id] || score[id] <= 0.0 || matches!(dom.tag(id), "html") {
            continue;
        }
        let density = if text[id] == 0 {
            0.0
        } else {
            link[id] as f64 / text[id] as f64
        };
        let s = score[id] * (1.0 - density);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((id, s));
        }
    }
    // A layout table's row scores above its cells (every cell scores for the row); the
    // article is the cell with the text, not the row with the menu beside it.
    let mut best = best.map(|(id, _)| id);
    while let Some(id) =
        best.filter(|&id| matches!(dom.tag(id), "table" | "tbody" | "thead" | "tr"))
    {
        let own = |c: NodeId| text[c].saturating_sub(link[c]);
        match dom.nodes[id]
            .children
            .iter()
            .copied()
            .filter(|&c| !excluded[c])
            .max_by_key(|&c| (own(c), std::cmp::Reverse(c)))
        {
            Some(c) if own(c) > 0 => best = Some(c),
            _ => break,
        }
    }
    match best {
        Some(id) if text[id].saturating_sub(link[id]) >= MIN_ARTICLE_CHARS => Ok(id),
        _ => Err(format!(
            "no element with at least {MIN_ARTICLE_CHARS} characters of text outside links"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "Phong trào thi đua yêu nước được các cấp ủy đảng, chính quyền, các tổ chức hội đoàn thể quan tâm chỉ đạo, phát động sâu rộng.";

    #[test]
    fn picks_the_dense_block_over_menus() {
        let html = format!(
            r#"<body><div id="menu"><a href="/a">Trang chủ</a> <a href="/b">Tin tức, sự kiện, thông báo, văn bản</a></div>
            <div id="main"><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p></div>
            <div class="links"><p><a href="/c">{PARA}</a></p></div></body>"#
        );
        let dom = Dom::parse(&html);
        let id = best_candidate(&dom).expect("found");
        assert_eq!(dom.attr(id, "id"), Some("main"));
    }

    #[test]
    fn layout_tables_narrow_to_the_text_cell() {
        let html = format!(
            r#"<body><table><tr><td><a href="/">Trang chủ</a><br><a href="/gt">Giới thiệu</a></td>
            <td><font size="2">{PARA}<br><br>{PARA}</font></td></tr></table></body>"#
        );
        let dom = Dom::parse(&html);
        let id = best_candidate(&dom).expect("found");
        assert!(matches!(dom.tag(id), "td" | "font"), "{}", dom.tag(id));
        assert!(!dom.raw_text(id).contains("Trang chủ"));
    }

    #[test]
    fn too_little_text_is_an_error() {
        let dom = Dom::parse(
            "<body><p>Trang không tồn tại.</p><ul><li><a href='/'>Trang chủ</a></li></ul></body>",
        );
        let e = best_candidate(&dom).unwrap_err();
        assert!(e.contains("characters of text outside links"), "{e}");
    }
}
