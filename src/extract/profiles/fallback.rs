//! Fallbacks for the facts a profile did not find: the date and the headline.

use super::{clean_text, is_chrome, usable};
use crate::extract::dom::{Dom, NodeId};
use crate::text::{iso_date, normalize};

/// A date anywhere before the body: `article:published_time`-style meta, an element whose
/// class names a date, then the first text before the body that holds one.
pub fn fallback_date(dom: &Dom, body: NodeId) -> Option<String> {
    for sel in [
        "meta[property=article:published_time]",
        "meta[name=pubdate]",
        "meta[itemprop=datePublished]",
        "meta[name=date]",
    ] {
        if let Some(v) = dom.first(sel).and_then(|n| dom.attr(n, "content")) {
            if iso_date(v).is_some() {
                return Some(v.trim().to_string());
            }
        }
    }
    let dated = (0..body).find(|&n| {
        let ci = dom.class_and_id(n);
        (ci.contains("date") || ci.contains("time") || ci.contains("ngay"))
            && dom.end(n) - n <= 12
            && usable(dom, n)
            && iso_date(&dom.raw_text(n)).is_some()
    });
    if let Some(n) = dated {
        return Some(normalize(&dom.raw_text(n)));
    }
    // A short dated line before the body, or at the top of the body before its first long
    // text ("Ngày đăng: 12/07/2019" on pages with no markup for it).
    let head = dom.first("body").unwrap_or(0);
    let first_long = (body..dom.end(body))
        .find(|&n| {
            dom.text_of(n)
                .is_some_and(|t| t.trim().chars().count() > 100)
        })
        .unwrap_or(body);
    (head..first_long)
        .filter_map(|n| dom.text_of(n).map(|t| (n, t)))
        .filter(|&(n, _)| {
            !dom.ancestors(n)
                .any(|a| is_chrome(dom, a) || dom.is_hidden(a))
        })
        .map(|(_, t)| normalize(t))
        .find(|t| t.chars().count() <= 60 && iso_date(t).is_some())
}

/// A headline when the profile found none: the first visible `h1` outside the chrome, then
/// og:title, then a bold or title-classed line at the top of the body (old table-layout
/// pages have no heading markup), then `<title>` without the site's name.
pub fn fallback_title(dom: &Dom, body: NodeId) -> Option<String> {
    let h1 = dom
        .select(0, "h1")
        .into_iter()
        .filter(|&n| usable(dom, n) && !dom.ancestors(n).any(|a| is_chrome(dom, a)))
        .map(|n| clean_text(dom, n))
        .find(|t| t.chars().count() >= 5);
    if h1.is_some() {
        return h1;
    }
    let og = dom
        .first("meta[property=og:title]")
        .and_then(|n| dom.attr(n, "content"))
        .map(normalize)
        .filter(|t| !t.is_empty());
    if og.is_some() {
        return og;
    }
    let first_long = (body..dom.end(body))
        .find(|&n| {
            dom.text_of(n)
                .is_some_and(|t| t.trim().chars().count() > 100)
        })
        .unwrap_or(body);
    let top_line = (body + 1..first_long)
        .filter(|&n| {
            let ci = dom.class_and_id(n);
            matches!(dom.tag(n), "b" | "strong" | "h2" | "h3")
                || ci.contains("title")
                || ci.contains("tieude")
        })
        .filter(|&n| usable(dom, n))
        .map(|n| clean_text(dom, n))
        .find(|t| (10..=200).contains(&t.chars().count()));
    if top_line.is_some() {
        return top_line;
    }
    let t = dom
        .first("title")
        .map(|n| dom.text(n))
        .filter(|t| !t.is_empty())?;
    for sep in [" | ", " - ", " – "] {
        if let Some(i) = t.rfind(sep) {
            let site = t[i + sep.len()..].to_lowercase();
            if [
                "cổng thông tin",
                "báo",
                ".vn",
                "portal",
                "trang tin",
                "website",
            ]
            .iter()
            .any(|k| site.contains(k))
            {
                return Some(t[..i].trim().to_string());
            }
        }
    }
    Some(t)
}
