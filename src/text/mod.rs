//! Text handling shared by the stages: charset decoding ([`decode`]), normalisation
//! ([`normalize`]: NFC, junk spaces, whitespace), dates ([`iso_date`], [`date_words_vi`]),
//! file-name slugs ([`slug`]) and mojibake detection ([`mojibake`]).
//!
//! Everything here is a pure function over strings or bytes; nothing reads files or the clock.

mod charset;
mod dates;
pub mod mojibake;

pub use charset::{decode, decode_with_transport, Decoded};
pub use dates::{date_words_vi, iso_date, parse_iso};

use unicode_normalization::UnicodeNormalization;

/// Characters that carry no visible text and are dropped outright: zero-width space, joiners,
/// word joiner, byte-order mark and soft hyphen. SharePoint rich text leaves U+200B behind.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Whitespace for collapsing: ASCII and Unicode white space, including NO-BREAK SPACE, which
/// portal editors type as `&nbsp;` between ordinary words; a large-print layout must be free to
/// break there.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}'
}

/// Normalises one piece of text: NFC, invisible characters removed, every run of white space
/// (NO-BREAK SPACE included) collapsed to one ASCII space, trimmed. Tone-mark placement is kept
/// as written (`hoà` and `hòa` are both correct and stay distinct).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(s, &mut out, true);
    let t = out.trim_end().len();
    out.truncate(t);
    out
}

/// Appends `s`, NFC-normalised and whitespace-collapsed, to `out`. `at_space` says whether the
/// text so far ends in a space (or is at a block start), so that runs split across inline
/// elements still collapse into one space. Returns the new `at_space` state.
pub fn collapse_into(s: &str, out: &mut String, mut at_space: bool) -> bool {
    // Invisible characters go before composition, so that a U+200B between a letter and its
    // tone mark does not keep the pair from composing.
    for c in s.chars().filter(|&c| !is_invisible(c)).nfc() {
        if is_space(c) {
            if !at_space {
                out.push(' ');
                at_space = true;
            }
        } else {
            out.push(c);
            at_space = false;
        }
    }
    at_space
}

/// An ASCII file-name slug of a title: Vietnamese letters lose their marks (`đ` becomes `d`),
/// lowercase, words joined by hyphens, at most 80 characters cut at a hyphen. Never empty: a
/// title with no letters or digits gives `article`.
pub fn slug(title: &str) -> String {
    let mut s = String::new();
    let mut pending_hyphen = false;
    for c in title.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !s.is_empty() {
                s.push('-');
            }
            pending_hyphen = false;
            s.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            continue;
        } else {
            pending_hyphen = true;
        }
    }
    const MAX: usize = 80;
    if s.len() > MAX {
        let cut = s[..=MAX].rfind('-').filter(|&i| i > 0).unwrap_or(MAX);
        s.truncate(cut);
        while s.ends_with('-') {
            s.pop();
        }
    }
    if s.is_empty() {
        "article".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_collapses_and_drops_junk() {
        assert_eq!(normalize("  a\u{00A0}\u{00A0} b\n\tc  "), "a b c");
        assert_eq!(normalize("\u{200B}Xin\u{200D} chào\u{FEFF}"), "Xin chào");
        assert_eq!(normalize("\u{00A0}"), "");
    }

    #[test]
    fn normalize_composes_nfd() {
        let nfd = "Vie\u{0323}\u{0302}t Nam";
        assert_eq!(normalize(nfd), "Việt Nam");
        assert_ne!(nfd, "Việt Nam");
    }

    #[test]
    fn normalize_keeps_both_tone_placements() {
        assert_eq!(normalize("hoà"), "hoà");
        assert_eq!(normalize("hòa"), "hòa");
        assert_ne!(normalize("hoà"), normalize("hòa"));
    }

    #[test]
    fn collapse_across_runs() {
        let mut out = String::new();
        let sp = collapse_into("a ", &mut out, true);
        collapse_into(" b", &mut out, sp);
        assert_eq!(out, "a b");
    }

    #[test]
    fn invisible_characters_do_not_block_composition() {
        assert_eq!(normalize("Vie\u{200B}\u{0323}\u{0302}t"), "Việt");
    }

    proptest::proptest! {
        #[test]
        fn normalize_is_idempotent_nfc_and_collapsed(s in "[a-zA-Zàáạảãâầấậăđêếệôơưừ \u{00A0}\u{200B}\u{0300}\u{0301}\u{0323}\t\n]{0,40}") {
            let n = normalize(&s);
            proptest::prop_assert_eq!(normalize(&n), n.clone());
            proptest::prop_assert!(unicode_normalization::is_nfc(&n));
            let clean = !n.contains("  ") && !n.contains(['\u{00A0}', '\u{200B}']);
            proptest::prop_assert!(clean, "not collapsed: {:?}", n);
            proptest::prop_assert_eq!(n.trim(), n.as_str());
        }

        #[test]
        fn slugs_are_short_ascii_and_never_empty(s in "\\PC{0,200}") {
            let g = slug(&s);
            proptest::prop_assert!(!g.is_empty() && g.len() <= 80);
            let ascii = g.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            let hyphens = !g.starts_with('-') && !g.ends_with('-') && !g.contains("--");
            proptest::prop_assert!(ascii && hyphens, "bad slug {:?}", g);
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Bạch Thông thực hiện tốt phong trào thi đua yêu nước"),
            "bach-thong-thuc-hien-tot-phong-trao-thi-dua-yeu-nuoc"
        );
        assert_eq!(slug("Đường đến Điện Biên"), "duong-den-dien-bien");
        assert_eq!(slug("!!! ???"), "article");
        assert_eq!(slug(""), "article");
        let long = slug(&"phong trào thi đua ".repeat(20));
        assert!(long.len() <= 80, "{long}");
        assert!(!long.ends_with('-') && long.ends_with("dua"), "{long}");
        assert_eq!(slug("Kinh tế - xã hội 2020"), "kinh-te-xa-hoi-2020");
    }
}
