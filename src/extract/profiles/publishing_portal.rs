//! SharePoint "PublishingPortal" provincial portals (Bắc Kạn and others): web parts
//! `div.ms-WPBody`, each after its (often hidden) caption "PublishingPortal - Block_…".
//! Block_BanTin_Toolbar holds the date and the font-size toolbar (on some pages also the
//! title and lead); Block_BanTin_ViewData holds the title, lead and the rich-text body.

use super::{clean_text, usable, Located};
use crate::extract::dom::{Dom, NodeId};
use crate::text::{iso_date, normalize};

/// SharePoint PublishingPortal: web parts `div.ms-WPBody`, titled by (often hidden)
/// "PublishingPortal - Block_BanTin_Toolbar" / "..._ViewData" captions.
pub(super) fn publishing_portal(dom: &Dom) -> Option<Located> {
    let parts = dom.select(0, ".ms-WPBody");
    let markers: Vec<(NodeId, String)> = (0..dom.nodes.len())
        .filter_map(|i| dom.text_of(i).map(|t| (i, t)))
        .filter(|(_, t)| t.contains("Block_"))
        .map(|(i, t)| (i, t.to_string()))
        .collect();
    let rte = dom.select(0, ".ms-rtestate-field");
    if markers.is_empty() && (parts.is_empty() || rte.is_empty()) {
        return None;
    }
    // Each web part takes the nearest caption before it.
    let label = |part: NodeId| -> String {
        let prev_part = parts
            .iter()
            .copied()
            .filter(|&p| p < part && !dom.contains(p, part))
            .max()
            .unwrap_or(0);
        markers
            .iter()
            .filter(|(m, _)| *m < part && *m > prev_part && !dom.contains(part, *m))
            .map(|(_, t)| t.clone())
            .next_back()
            .unwrap_or_default()
    };
    let labelled = |want: &[&str]| {
        parts
            .iter()
            .copied()
            .find(|&p| want.iter().any(|w| label(p).contains(w)))
    };
    let toolbar = labelled(&["Toolbar"]).or_else(|| {
        parts
            .iter()
            .copied()
            .find(|&p| dom.raw_text(p).contains("Tăng cỡ chữ"))
    });
    let viewdata = labelled(&["ViewData", "NoiDung", "ChiTiet"]);
    let scope = viewdata.unwrap_or(0);
    let mut cands: Vec<NodeId> = [
        ".ms-rtestate-field",
        "[id$=_RichHtmlField]",
        "[class^=ExternalClass]",
    ]
    .iter()
    .flat_map(|s| dom.select(scope, s))
    .collect();
    cands.sort_unstable();
    let body = cands
        .iter()
        .copied()
        .max_by_key(|&n| (normalize(&dom.raw_text(n)).len(), std::cmp::Reverse(n)))
        .or(viewdata)?;
    let regions: Vec<NodeId> = toolbar.into_iter().chain(viewdata).collect();
    let outside_body = |n: NodeId| n != body && !dom.contains(body, n) && !dom.contains(n, body);
    let mut title = None;
    let mut title_node = None;
    for &r in &regions {
        for tag in ["h1", "h2", "h3"] {
            if title.is_some() {
                break;
            }
            if let Some(n) = dom.select(r, tag).into_iter().find(|&n| {
                outside_body(n) && usable(dom, n) && clean_text(dom, n).chars().count() >= 10
            }) {
                title = Some(clean_text(dom, n));
                title_node = Some(n);
            }
        }
    }
    let lead = regions
        .iter()
        .flat_map(|&r| (r..dom.end(r)).collect::<Vec<_>>())
        .filter(|&n| outside_body(n) && usable(dom, n))
        .find(|&n| {
            let ci = dom.class_and_id(n);
            [
                "tomtat",
                "sapo",
                "lead",
                "description",
                "summary",
                "trichyeu",
            ]
            .iter()
            .any(|k| ci.contains(k))
        })
        .or_else(|| {
            let after = title_node?;
            regions.iter().flat_map(|&r| dom.select(r, "p")).find(|&n| {
                n > after
                    && outside_body(n)
                    && usable(dom, n)
                    && clean_text(dom, n).chars().count() >= 40
            })
        })
        .map(|n| clean_text(dom, n))
        .filter(|t| !t.is_empty());
    let date = regions.iter().find_map(|&r| {
        (r..dom.end(r))
            .filter(|&n| outside_body(n))
            .filter_map(|n| dom.text_of(n))
            .map(normalize)
            .find(|t| iso_date(t).is_some())
    });
    Some(Located {
        profile: "publishing-portal",
        body,
        title,
        date,
        lead,
        author: None,
    })
}
