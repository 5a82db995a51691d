//! XML text helpers shared by the OPF, nav and XHTML templates: escaping, NFC, and the
//! removal of characters XML 1.0 cannot carry.
//!
//! Every piece of book text passes through [`text`] or [`attr`], so a title with `&` or `<`
//! can never break a document, and a stray control character from a page (U+000C is common in
//! text pasted from Word) never makes EPUBCheck reject the book as not well-formed.

use unicode_normalization::UnicodeNormalization;

/// True when `c` may appear in an XML 1.0 document (XML 1.0 §2.2 `Char`).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `s` escaped as XML character data, in NFC.
pub fn push_text(out: &mut String, s: &str) {
    for c in s.nfc() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// `s` escaped as XML character data, in NFC.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_text(&mut out, s);
    out
}

/// `s` escaped for a double-quoted attribute value, in NFC, whitespace runs folded to one
/// space (an attribute holds one line: alt text, labels).
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfc() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Adds every character a reader will see in a generated XHTML document to `set`: the
/// character data outside tags, with the five predefined entities decoded. The embedded font
/// is subset to this set.
pub fn collect_visible_chars(doc: &str, set: &mut std::collections::BTreeSet<char>) {
    let mut in_tag = false;
    let mut chars = doc.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '&' => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    chars.next();
                    if n == ';' {
                        break;
                    }
                    name.push(n);
                }
                let decoded = match name.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => continue,
                };
                set.insert(decoded);
            }
            c if !c.is_control() => {
                set.insert(c);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_normalises() {
        assert_eq!(text("a & <b>"), "a &amp; &lt;b&gt;");
        // "ể" written decomposed comes out precomposed.
        assert_eq!(text("e\u{0302}\u{0309}"), "\u{1EC3}");
        assert_eq!(attr(" \"x\"\n  y "), "&quot;x&quot; y");
        assert_eq!(text("a\u{000C}b"), "ab");
    }

    #[test]
    fn visible_chars_skip_markup() {
        let mut set = std::collections::BTreeSet::new();
        collect_visible_chars("<p class=\"zq\">Ấ&amp;</p>", &mut set);
        assert_eq!(set.into_iter().collect::<String>(), "&Ấ");
    }
}
