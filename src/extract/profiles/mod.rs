//! The portal profiles: where each known layout keeps the title, date, lead, author and body
//! (facts from the portal-layouts guide), and what counts as page furniture ("chrome").
//!
//! A profile only locates; turning the body into blocks and cleaning it up is shared.

mod fallback;
mod publishing_portal;

pub use fallback::{fallback_date, fallback_title};
use publishing_portal::publishing_portal;

use super::dom::{Dom, Kind, NodeId};
use crate::text::{iso_date, normalize};

/// What a profile found on the page.
#[derive(Debug, Clone, Default)]
pub struct Located {
    /// The profile's name (`publishing-portal`, `vnexpress`, ...).
    pub profile: &'static str,
    /// The element holding the article body.
    pub body: NodeId,
    /// The headline, when the profile knows where it is.
    pub title: Option<String>,
    /// The date as written.
    pub date: Option<String>,
    /// The lead (sapo).
    pub lead: Option<String>,
    /// The author line's text.
    pub author: Option<String>,
}

/// Class or id fragments (lowercase) of page furniture: menus, breadcrumbs, toolbars,
/// print/e-mail/share links, related news, comments, banners, footers, web-part titles.
const CHROME_TOKENS: &[&str] = &[
    "breadcrumb",
    "menu",
    "navbar",
    "share",
    "social",
    "toolbar",
    "print",
    "sendmail",
    "email",
    "related",
    "lienquan",
    "tinkhac",
    "tin-khac",
    "othernews",
    "other-news",
    "list-news",
    "comment",
    "footer",
    "banner",
    "advert",
    "quangcao",
    "tags",
    "rating",
    "webpart-titletext",
    "ms-wptitle",
    "portlet-title",
    "change_font_size",
    "fontsize",
    "font-size",
    "location-stamp",
    "ribbon",
    "search",
    "pager",
    "paging",
    "pnnguontin",
    "tool-bar",
    "congcu",
    "box-tinlienquan",
];

/// Texts of toolbar controls, dropped wherever they stand alone.
const TOOLBAR_TEXTS: &[&str] = &[
    "tăng cỡ chữ",
    "giảm cỡ chữ",
    "in bài viết",
    "in trang",
    "bản in",
    "gửi email",
    "gửi e-mail",
    "chia sẻ",
    "về đầu trang",
    "quay lại",
    "cỡ chữ",
    "a+ a-",
    "a- a+",
];

/// Whether an element is page furniture (judged by its own markup, not its ancestors').
pub fn is_chrome(dom: &Dom, id: NodeId) -> bool {
    let tag = dom.tag(id);
    if matches!(tag, "nav" | "header" | "footer" | "aside" | "menu") {
        return true;
    }
    if let Some(role) = dom.attr(id, "role") {
        if matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "search"
        ) {
            return true;
        }
    }
    if matches!(
        dom.attr(id, "type"),
        Some("RelatedOneNews" | "RelatedNewsBox")
    ) {
        return true;
    }
    let ci = dom.class_and_id(id);
    if CHROME_TOKENS.iter().any(|t| ci.contains(t)) {
        return true;
    }
    // Small elements: judge by their text (toolbar buttons, hidden web-part titles).
    if dom.end(id) - id <= 24 {
        let text = dom.text(id).to_lowercase();
        if text.starts_with("publishingportal - ") || text.contains("block_bantin_") {
            return true;
        }
        if TOOLBAR_TEXTS.contains(&text.as_str()) {
            return true;
        }
    }
    false
}

/// Text of a subtree without its chrome and hidden parts, normalised.
pub fn clean_text(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    let mut i = id;
    let end = dom.end(id);
    while i < end {
        match &dom.nodes[i].kind {
            Kind::Element { .. } if i != id && (dom.is_hidden(i) || is_chrome(dom, i)) => {
                i = dom.end(i);
                continue;
            }
            Kind::Text(t) => s.push_str(t),
            Kind::Element { tag, .. } if tag == "br" => s.push(' '),
            _ => {}
        }
        i += 1;
    }
    normalize(&s)
}

fn usable(dom: &Dom, id: NodeId) -> bool {
    !dom.is_hidden(id) && !is_chrome(dom, id) && !dom.ancestors(id).any(|a| dom.is_hidden(a))
}

/// The first non-empty clean text among the matches of the selectors, in selector order.
fn first_text(dom: &Dom, root: NodeId, sels: &[&str]) -> Option<(NodeId, String)> {
    sels.iter().find_map(|s| {
        dom.select(root, s)
            .into_iter()
            .filter(|&n| usable(dom, n))
            .map(|n| (n, clean_text(dom, n)))
            .find(|(_, t)| !t.is_empty())
    })
}

/// The first text among the selector matches that holds a date.
fn first_date(dom: &Dom, root: NodeId, sels: &[&str]) -> Option<String> {
    sels.iter().find_map(|s| {
        dom.select(root, s)
            .into_iter()
            .map(|n| normalize(&dom.raw_text(n)))
            .find(|t| iso_date(t).is_some())
    })
}

struct Spec {
    name: &'static str,
    detect: &'static [&'static str],
    title: &'static [&'static str],
    date: &'static [&'static str],
    lead: &'static [&'static str],
    body: &'static [&'static str],
    author: &'static [&'static str],
}

const SPECS: &[Spec] = &[
    Spec {
        name: "vccorp",
        detect: &["h1.detail-title", "div.detail-content"],
        title: &["h1.detail-title"],
        date: &["div.detail-time", ".detail-time"],
        lead: &["h2.detail-sapo", ".detail-sapo"],
        body: &[
            "div.detail-content[data-role=content]",
            "div.detail-content",
        ],
        author: &["div.detail-author", ".detail-author"],
    },
    Spec {
        name: "vnexpress",
        detect: &["h1.title-detail", "article.fck_detail"],
        title: &["h1.title-detail"],
        date: &["span.date"],
        lead: &["p.description"],
        body: &["article.fck_detail", ".fck_detail"],
        author: &["p.author_mail strong", "p.author_mail", "p.author strong"],
    },
    Spec {
        name: "liferay",
        detect: &[".journal-content-article"],
        title: &[
            ".journal-content-article h1",
            "h1.header-title",
            ".asset-title",
            "h1",
        ],
        date: &[".publish-date", ".news-date", ".date", ".time"],
        lead: &[".journal-content-article .sapo", ".summary", ".description"],
        body: &[".journal-content-article"],
        author: &[".journal-content-article .author", ".author"],
    },
    Spec {
        name: "ministry-aspnet",
        detect: &[
            "#txtTitle",
            "#divArticleDescription2",
            "#divArticleContent",
            "h1.News_Detail_Title",
            "span.News_Time_Post",
        ],
        title: &[
            "#txtTitle",
            "#divArticleDescription3 h1",
            "h1.News_Detail_Title",
        ],
        date: &["#txtDateString", "span.News_Time_Post"],
        lead: &["#divArticleDescription1 p", "#divArticleDescription1"],
        body: &[
            "#divArticleDescription2",
            "#divArticleContent",
            "[id$=_RichHtmlField]",
        ],
        author: &[],
    },
];

/// Tries the known profiles in turn.
pub fn locate(dom: &Dom) -> Option<Located> {
    if let Some(l) = publishing_portal(dom) {
        return Some(l);
    }
    for spec in SPECS {
        if !spec.detect.iter().any(|s| dom.first(s).is_some()) {
            continue;
        }
        let Some((body, _)) = spec.body.iter().find_map(|s| {
            dom.select(0, s)
                .into_iter()
                .map(|n| (n, dom.raw_text(n).len()))
                .max_by_key(|&(n, len)| (len, std::cmp::Reverse(n)))
        }) else {
            continue;
        };
        let mut lead = first_text(dom, 0, spec.lead).map(|(_, t)| t);
        if let Some(l) = &mut lead {
            // VCCorp leads open with the outlet's name: "(Chinhphu.vn) - ".
            if l.starts_with('(') {
                for sep in [") - ", ") – ", ") — "] {
                    if let Some(i) = l.find(sep).filter(|&i| i < 40) {
                        *l = l[i + sep.len()..].trim().to_string();
                        break;
                    }
                }
            }
        }
        return Some(Located {
            profile: spec.name,
            body,
            title: first_text(dom, 0, spec.title).map(|(_, t)| t),
            date: first_date(dom, 0, spec.date),
            lead,
            author: first_text(dom, 0, spec.author).map(|(_, t)| t),
        });
    }
    None
}
