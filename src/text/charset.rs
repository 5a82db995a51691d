//! Bytes to text: byte-order mark first, then a `<meta charset>` (or `http-equiv` content
//! type) in the first 4 KB, then sniffing: valid UTF-8 is UTF-8; otherwise windows-1258 when
//! the bytes look like Vietnamese in that code page, else windows-1252.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252, WINDOWS_1258};

/// How far into the document a charset declaration is looked for (HTML asks for the first
/// 1024 bytes; saved portal pages often carry a long head, so more is read).
const PRESCAN: usize = 4096;

/// A decoded document.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, with malformed sequences replaced by U+FFFD. Not yet NFC: see
    /// [`crate::text::normalize`].
    pub text: String,
    /// The encoding used, by its WHATWG name (`UTF-8`, `windows-1258`, ...).
    pub encoding: &'static str,
    /// What went wrong on the way (a declared charset that the bytes contradict, malformed
    /// bytes).
    pub warnings: Vec<String>,
}

/// Decodes a page read over HTTP: the byte-order mark first, then the charset of the
/// `Content-Type` header (`transport`), then the page's own evidence as in [`decode`].
pub fn decode_with_transport(bytes: &[u8], transport: Option<&str>) -> Decoded {
    if Encoding::for_bom(bytes).is_none() {
        if let Some(enc) = transport.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            // A server that declares UTF-8 for bytes that are not is common enough to check.
            if enc == UTF_8 && std::str::from_utf8(bytes).is_err() {
                let mut d = decode(bytes);
                d.warnings.insert(
                    0,
                    format!(
                        "the server declares charset utf-8 but the page is not valid utf-8; read as {}",
                        d.encoding
                    ),
                );
                return d;
            }
            if enc.is_single_byte() || enc == UTF_8 {
                return finish(enc, bytes, Vec::new());
            }
        }
    }
    decode(bytes)
}

/// Decodes a page's bytes (see the module documentation for the order of evidence).
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut warnings = Vec::new();
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..], warnings);
    }
    if let Some(label) = declared_charset(&bytes[..bytes.len().min(PRESCAN)]) {
        match Encoding::for_label(label.as_bytes()) {
            // A page cannot declare UTF-16 in ASCII-compatible markup; HTML says read UTF-8.
            Some(enc) if enc.is_single_byte() || enc == UTF_8 => {
                if enc == UTF_8 && std::str::from_utf8(bytes).is_err() {
                    let sniffed = sniff(bytes);
                    warnings.push(format!(
                        "the page declares charset utf-8 but is not valid utf-8; read as {}",
                        sniffed.name()
                    ));
                    return finish(sniffed, bytes, warnings);
                }
                return finish(enc, bytes, warnings);
            }
            Some(enc) if !enc.is_single_byte() && enc.output_encoding() == UTF_8 => {
                return finish(UTF_8, bytes, warnings);
            }
            Some(enc) => return finish(enc, bytes, warnings),
            None => warnings.push(format!(
                "unknown charset {label:?} declared; the encoding was guessed"
            )),
        }
    }
    finish(sniff(bytes), bytes, warnings)
}

fn finish(enc: &'static Encoding, bytes: &[u8], mut warnings: Vec<String>) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(format!(
            "some bytes are not valid {}; they were replaced by U+FFFD",
            enc.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        warnings,
    }
}

/// Guesses the encoding of bytes that carry no declaration.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    if looks_like_cp1258(bytes) {
        WINDOWS_1258
    } else {
        WINDOWS_1252
    }
}

/// Windows-1258 writes Vietnamese with a few letters of its own (ă â đ ê ô ơ ư) and the five
/// tone marks as combining bytes (0xCC grave, 0xEC acute, 0xD2 hook, 0xDE tilde, 0xF2 dot
/// below) right after a letter. In windows-1252 those bytes are rare capitals (Ì Ò Þ) and
/// lowercase ì ò that would not follow a letter, so many of them after letters means 1258.
fn looks_like_cp1258(bytes: &[u8]) -> bool {
    let mut tone_after_letter = 0usize;
    let mut high = 0usize;
    let mut prev = b' ';
    for &b in bytes {
        if b >= 0x80 {
            high += 1;
            let after_letter = prev.is_ascii_alphabetic()
                || matches!(
                    prev,
                    0xE2 | 0xEA
                        | 0xF4
                        | 0xE3
                        | 0xF5
                        | 0xFD
                        | 0xC2
                        | 0xCA
                        | 0xD4
                        | 0xC3
                        | 0xD5
                        | 0xDD
                );
            if after_letter && matches!(b, 0xCC | 0xEC | 0xD2 | 0xDE | 0xF2) {
                tone_after_letter += 1;
            }
        }
        prev = b;
    }
    tone_after_letter >= 3 && tone_after_letter * 5 >= high
}

/// The charset named by a `<meta charset=...>` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` in the given prefix of the document.
fn declared_charset(prefix: &[u8]) -> Option<String> {
    let lower: Vec<u8> = prefix.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let mut i = cs + b"charset".len();
            while i < tag.len() && matches!(tag[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            if i < tag.len() && tag[i] == b'=' {
                i += 1;
                while i < tag.len() && matches!(tag[i], b' ' | b'"' | b'\'') {
                    i += 1;
                }
                let j = tag[i..]
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .map_or(tag.len(), |p| i + p);
                if j > i {
                    return Some(String::from_utf8_lossy(&tag[i..j]).into_owned());
                }
            }
        }
        from = end.max(start + 1);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;
    use unicode_normalization::UnicodeNormalization;

    /// Windows-1258 as Vietnamese software writes it: the letters â ê ô ă ơ ư đ precomposed,
    /// the five tones as combining marks after them.
    pub(crate) fn encode_1258(s: &str) -> Vec<u8> {
        let mut prepared = String::new();
        let chars: Vec<char> = s.nfd().collect();
        let mut i = 0;
        while i < chars.len() {
            let base = chars[i];
            let mut j = i + 1;
            let mut marks = Vec::new();
            while j < chars.len() && unicode_normalization::char::is_combining_mark(chars[j]) {
                marks.push(chars[j]);
                j += 1;
            }
            let mut composed = base;
            marks.retain(|&m| {
                if matches!(m, '\u{0302}' | '\u{0306}' | '\u{031B}') {
                    if let Some(c) = unicode_normalization::char::compose(composed, m) {
                        composed = c;
                        return false;
                    }
                }
                true
            });
            prepared.push(composed);
            prepared.extend(marks);
            i = j;
        }
        let (bytes, _, unmappable) = WINDOWS_1258.encode(&prepared);
        assert!(!unmappable, "not encodable in windows-1258: {s}");
        bytes.into_owned()
    }

    #[test]
    fn bom_wins_over_meta() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("<meta charset=windows-1252><p>Việt</p>".as_bytes());
        let d = decode(&b);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("Việt") && !d.text.starts_with('\u{FEFF}'));
    }

    #[test]
    fn meta_charset_windows_1258() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"></head><body><p>Hội nghị điển hình tiên tiến Bắc Kạn</p></body></html>";
        let bytes = encode_1258(html);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes);
        assert_eq!(d.encoding, "windows-1258");
        assert!(normalize(&d.text).contains("Hội nghị điển hình tiên tiến Bắc Kạn"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn short_meta_charset() {
        let d = decode(b"<meta charset='iso-8859-1'><p>caf\xe9</p>");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("café"));
    }

    #[test]
    fn sniffs_utf8_1258_and_1252() {
        assert_eq!(decode("<p>Hương Dịu</p>".as_bytes()).encoding, "UTF-8");
        let b = encode_1258("<p>Phong trào thi đua yêu nước được phát động sâu rộng</p>");
        let d = decode(&b);
        assert_eq!(d.encoding, "windows-1258");
        assert!(normalize(&d.text).contains("Phong trào thi đua yêu nước được phát động"));
        assert_eq!(decode(b"<p>na\xefve caf\xe9</p>").encoding, "windows-1252");
    }

    #[test]
    fn false_utf8_declaration_is_reported() {
        let b = encode_1258("<meta charset=utf-8><p>Bạch Thông thực hiện tốt phong trào</p>");
        let d = decode(&b);
        assert_eq!(d.encoding, "windows-1258");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn transport_charset_comes_after_the_bom_and_before_the_page() {
        let text = "<p>Thi đua khen thưởng</p>";
        let bytes = encode_1258(text);
        // No declaration in the page: the header decides.
        let d = decode_with_transport(&bytes, Some("windows-1258"));
        assert_eq!(d.encoding, "windows-1258");
        assert_eq!(normalize(&d.text), text);
        // The header outranks the page's own declaration.
        let mut declared = b"<meta charset=\"windows-1252\">".to_vec();
        declared.extend(&bytes);
        assert_eq!(
            decode_with_transport(&declared, Some("windows-1258")).encoding,
            "windows-1258"
        );
        // A byte-order mark outranks the header.
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        assert_eq!(
            decode_with_transport(&bom, Some("windows-1258")).encoding,
            "UTF-8"
        );
        // A header that claims UTF-8 for bytes that are not is not believed, and says so.
        let lie = decode_with_transport(&bytes, Some("utf-8"));
        assert_ne!(lie.encoding, "UTF-8");
        assert!(lie.warnings[0].contains("server declares charset utf-8"));
        // No header or an unknown one: the page's evidence, as for a file.
        assert_eq!(
            decode_with_transport(text.as_bytes(), None).encoding,
            "UTF-8"
        );
        assert_eq!(
            decode_with_transport(text.as_bytes(), Some("x-nonsense")).encoding,
            "UTF-8"
        );
    }
}
