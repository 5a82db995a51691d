//! Finishing runs of inline content: NFC and whitespace collapsed across element boundaries
//! (`a <b> b</b>` reads "a b"), adjacent text merged, empty elements and stray line breaks
//! removed, ends trimmed. Also the measures the clean-up pass needs (link share, styling).
//!
//! Inline trees are shallow by construction (the builder flattens below
//! [`super::blocks::MAX_INLINE_DEPTH`]), so these helpers may recurse.

use crate::model::{plain_text, Inline};
use crate::text::collapse_into;

/// Normalises a run of inlines (see the module documentation).
pub fn finish_inlines(v: Vec<Inline>) -> Vec<Inline> {
    let mut at_space = true;
    let mut out = norm(v, &mut at_space);
    trim_end(&mut out);
    while matches!(out.first(), Some(Inline::LineBreak)) {
        out.remove(0);
    }
    out
}

fn norm(v: Vec<Inline>, at_space: &mut bool) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for i in v {
        match i {
            Inline::Text { text } => {
                let mut s = String::new();
                *at_space = collapse_into(&text, &mut s, *at_space);
                if s.is_empty() {
                    continue;
                }
                if let Some(Inline::Text { text: prev }) = out.last_mut() {
                    prev.push_str(&s);
                } else {
                    out.push(Inline::text(s));
                }
            }
            Inline::LineBreak => {
                trim_trailing_space(&mut out);
                if !out.is_empty() && !matches!(out.last(), Some(Inline::LineBreak)) {
                    out.push(Inline::LineBreak);
                }
                *at_space = true;
            }
            Inline::Strong { children } => {
                push_container(&mut out, norm(children, at_space), |c| Inline::Strong {
                    children: c,
                })
            }
            Inline::Emphasis { children } => {
                push_container(&mut out, norm(children, at_space), |c| Inline::Emphasis {
                    children: c,
                })
            }
            Inline::Link { href, children } => {
                push_container(&mut out, norm(children, at_space), |c| Inline::Link {
                    href,
                    children: c,
                })
            }
        }
    }
    out
}

fn push_container(
    out: &mut Vec<Inline>,
    mut children: Vec<Inline>,
    wrap: impl FnOnce(Vec<Inline>) -> Inline,
) {
    // Line breaks at the edges of a styled span belong to the surrounding run.
    let lead_break = matches!(children.first(), Some(Inline::LineBreak));
    while matches!(children.first(), Some(Inline::LineBreak)) {
        children.remove(0);
    }
    let mut trail_break = false;
    while matches!(children.last(), Some(Inline::LineBreak)) {
        children.pop();
        trail_break = true;
    }
    if lead_break && !out.is_empty() && !matches!(out.last(), Some(Inline::LineBreak)) {
        trim_trailing_space(out);
        out.push(Inline::LineBreak);
    }
    if !children.is_empty() {
        out.push(wrap(children));
    }
    if trail_break && !out.is_empty() && !matches!(out.last(), Some(Inline::LineBreak)) {
        trim_trailing_space(out);
        out.push(Inline::LineBreak);
    }
}

/// Removes trailing white space from the last text leaf.
fn trim_trailing_space(v: &mut Vec<Inline>) {
    loop {
        match v.last_mut() {
            Some(Inline::Text { text }) => {
                let t = text.trim_end().len();
                text.truncate(t);
                if text.is_empty() {
                    v.pop();
                    continue;
                }
                return;
            }
            Some(
                Inline::Strong { children }
                | Inline::Emphasis { children }
                | Inline::Link { children, .. },
            ) => {
                trim_trailing_space(children);
                if children.is_empty() {
                    v.pop();
                    continue;
                }
                return;
            }
            _ => return,
        }
    }
}

fn trim_end(v: &mut Vec<Inline>) {
    loop {
        trim_trailing_space(v);
        if matches!(v.last(), Some(Inline::LineBreak)) {
            v.pop();
        } else {
            return;
        }
    }
}

/// Characters of text inside links, as a share of all characters (0 for empty text).
pub fn link_ratio(inlines: &[Inline]) -> f64 {
    fn walk(v: &[Inline], in_link: bool, total: &mut usize, linked: &mut usize) {
        for i in v {
            match i {
                Inline::Text { text } => {
                    let n = text.chars().filter(|c| !c.is_whitespace()).count();
                    *total += n;
                    if in_link {
                        *linked += n;
                    }
                }
                Inline::Strong { children } | Inline::Emphasis { children } => {
                    walk(children, in_link, total, linked)
                }
                Inline::Link { children, .. } => walk(children, true, total, linked),
                Inline::LineBreak => {}
            }
        }
    }
    let (mut total, mut linked) = (0, 0);
    walk(inlines, false, &mut total, &mut linked);
    if total == 0 {
        0.0
    } else {
        linked as f64 / total as f64
    }
}

/// Whether all text of the run sits inside `Strong` (bold) elements.
pub fn all_strong(inlines: &[Inline]) -> bool {
    all_inside(inlines, &|i| matches!(i, Inline::Strong { .. }))
}

/// Whether all text of the run sits inside `Emphasis` (italic) elements.
pub fn all_emphasis(inlines: &[Inline]) -> bool {
    all_inside(inlines, &|i| matches!(i, Inline::Emphasis { .. }))
}

fn all_inside(v: &[Inline], is: &dyn Fn(&Inline) -> bool) -> bool {
    let mut any = false;
    for i in v {
        match i {
            Inline::Text { text } if text.trim().is_empty() => {}
            Inline::Text { .. } => return false,
            Inline::LineBreak => {}
            x if is(x) => any = true,
            Inline::Strong { children }
            | Inline::Emphasis { children }
            | Inline::Link { children, .. } => {
                if !all_inside(children, is) {
                    return false;
                }
                any = true;
            }
        }
    }
    any && !plain_text(v).trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }

    #[test]
    fn whitespace_across_elements() {
        let v = vec![
            t("  Xin\u{00A0} "),
            Inline::Strong {
                children: vec![t(" chào ")],
            },
            t(" bạn\u{200B} "),
            Inline::LineBreak,
            t("  dòng hai "),
            Inline::LineBreak,
            Inline::LineBreak,
        ];
        let out = finish_inlines(v);
        assert_eq!(plain_text(&out), "Xin chào bạn dòng hai");
        assert_eq!(out.len(), 5, "{out:?}");
        assert!(matches!(out[3], Inline::LineBreak));
    }

    #[test]
    fn empty_elements_vanish() {
        let v = vec![
            Inline::Emphasis {
                children: vec![t(" \u{200B} ")],
            },
            Inline::LineBreak,
            t("\u{00A0}"),
        ];
        assert!(finish_inlines(v).is_empty());
    }

    #[test]
    fn styling_measures() {
        let bold = finish_inlines(vec![Inline::Strong {
            children: vec![t("Hương Dịu")],
        }]);
        assert!(all_strong(&bold) && !all_emphasis(&bold));
        let mixed = finish_inlines(vec![
            t("Tin: "),
            Inline::Strong {
                children: vec![t("A")],
            },
        ]);
        assert!(!all_strong(&mixed));
        let link = vec![
            t("ab "),
            Inline::Link {
                href: "x".into(),
                children: vec![t("cdef")],
            },
        ];
        assert!((link_ratio(&link) - 4.0 / 6.0).abs() < 1e-9);
    }
}
