//! Inline content to XHTML, with page-break markers dropped in at character offsets.
//!
//! Offsets count Unicode scalar values of the leaf's plain text exactly as
//! [`crate::model::plain_text`] does (a line break counts as one), so a marker lands on the
//! same character where the PDF's page begins. Nesting is walked with an explicit stack: a
//! page with thousands of nested `<b>` cannot overflow the thread's stack.

use super::marks::marker;
use super::xml;
use crate::model::Inline;

/// What rendering one run of inlines found out.
#[derive(Debug, Default)]
pub struct InlineOutcome {
    /// Pages whose marker was placed, in order.
    pub placed: Vec<usize>,
    /// Pages whose offset lay past the end of the text (placed at the end).
    pub past_end: Vec<usize>,
}

enum Step<'a> {
    Inline(&'a Inline),
    Close(&'static str),
    CloseLink,
}

/// The href to write for a link target, when it is one a reading app can follow: absolute
/// http(s) and mailto URLs. Anything else (a relative path into the portal, `javascript:`)
/// would point at nothing inside the book, so the text is kept and the link dropped.
pub fn link_target(href: &str) -> Option<String> {
    let url = url::Url::parse(href.trim()).ok()?;
    matches!(url.scheme(), "http" | "https" | "mailto").then(|| url.to_string())
}

/// Appends `inlines` to `out`, with the markers `marks` ((offset, page), ascending) placed
/// before the character at each offset.
pub fn push_inlines(
    out: &mut String,
    inlines: &[Inline],
    marks: &[(usize, usize)],
) -> InlineOutcome {
    let mut outcome = InlineOutcome::default();
    let mut pos = 0usize;
    let mut next = 0usize;
    let mut links = 0usize;
    let mut stack: Vec<Step> = inlines.iter().rev().map(Step::Inline).collect();
    let place_due =
        |out: &mut String, pos: usize, next: &mut usize, outcome: &mut InlineOutcome| {
            while *next < marks.len() && marks[*next].0 <= pos {
                out.push_str(&marker(marks[*next].1));
                outcome.placed.push(marks[*next].1);
                *next += 1;
            }
        };
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(tag) => out.push_str(tag),
            Step::CloseLink => {
                links -= 1;
                out.push_str("</a>");
            }
            Step::Inline(Inline::Text { text }) => {
                let mut chunk = String::new();
                for c in text.chars() {
                    if next < marks.len() && marks[next].0 <= pos {
                        xml::push_text(out, &chunk);
                        chunk.clear();
                        place_due(out, pos, &mut next, &mut outcome);
                    }
                    chunk.push(c);
                    pos += 1;
                }
                xml::push_text(out, &chunk);
            }
            Step::Inline(Inline::LineBreak) => {
                place_due(out, pos, &mut next, &mut outcome);
                out.push_str("<br/>");
                pos += 1;
            }
            Step::Inline(Inline::Strong { children }) => {
                out.push_str("<strong>");
                stack.push(Step::Close("</strong>"));
                stack.extend(children.iter().rev().map(Step::Inline));
            }
            Step::Inline(Inline::Emphasis { children }) => {
                // Rendered bold by the stylesheet (large print: no italics).
                out.push_str("<em>");
                stack.push(Step::Close("</em>"));
                stack.extend(children.iter().rev().map(Step::Inline));
            }
            Step::Inline(Inline::Link { href, children }) => {
                // HTML forbids a link inside a link: an inner one keeps only its text.
                if let Some(target) = link_target(href).filter(|_| links == 0) {
                    out.push_str("<a href=\"");
                    out.push_str(&xml::attr(&target));
                    out.push_str("\">");
                    links += 1;
                    stack.push(Step::CloseLink);
                }
                stack.extend(children.iter().rev().map(Step::Inline));
            }
        }
    }
    place_due(out, pos, &mut next, &mut outcome);
    while next < marks.len() {
        out.push_str(&marker(marks[next].1));
        outcome.placed.push(marks[next].1);
        outcome.past_end.push(marks[next].1);
        next += 1;
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lands_on_the_character() {
        let inl = vec![
            Inline::text("Một "),
            Inline::Strong {
                children: vec![Inline::text("hai")],
            },
            Inline::LineBreak,
            Inline::text("ba"),
        ];
        let mut out = String::new();
        let o = push_inlines(&mut out, &inl, &[(4, 7), (8, 8)]);
        assert_eq!(o.placed, vec![7, 8]);
        assert!(o.past_end.is_empty());
        let m7 = out.find("id=\"page-7\"").unwrap();
        assert!(out[..m7]
            .ends_with("Một <strong><span epub:type=\"pagebreak\" role=\"doc-pagebreak\" "));
        assert!(
            out.contains("<br/><span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-8\"")
        );
    }

    #[test]
    fn links_are_kept_only_when_followable_and_not_nested() {
        let inner = Inline::Link {
            href: "https://b.vn/".into(),
            children: vec![Inline::text("b")],
        };
        let outer = Inline::Link {
            href: "https://a.vn/x?a=1&b=2".into(),
            children: vec![inner],
        };
        let rel = Inline::Link {
            href: "/tin/1".into(),
            children: vec![Inline::text("c")],
        };
        let mut out = String::new();
        push_inlines(&mut out, &[outer, rel], &[]);
        assert_eq!(out, "<a href=\"https://a.vn/x?a=1&amp;b=2\">b</a>c");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut inl = Inline::text("x");
        for _ in 0..20_000 {
            inl = Inline::Strong {
                children: vec![inl],
            };
        }
        let mut out = String::new();
        push_inlines(&mut out, std::slice::from_ref(&inl), &[(1, 1)]);
        assert_eq!(out.matches("<strong>").count(), 20_000);
        // Dropping a 20,000-deep tree recurses in the compiler's drop glue; leak it instead
        // so the test measures only our code.
        std::mem::forget(inl);
    }
}
