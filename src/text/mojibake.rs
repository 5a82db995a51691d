//! Mojibake: Vietnamese text that went through the wrong decoder before it reached us.
//!
//! * UTF-8 read as windows-1252 ("Giáº£i" for "Giải"): every such run maps back to bytes and
//!   those bytes are valid multi-byte UTF-8, which genuine Latin-1 text practically never is.
//!   That mapping is certain, so [`repair_cp1252`] repairs it.
//! * Legacy TCVN3 (.VnTime fonts: "Th¸i Nguyªn") and VNI ("Vieät Nam") text decoded as
//!   windows-1252: the original bytes are ambiguous once a font mapping is lost, so
//!   [`detect`] only warns.

/// The windows-1252 byte of a character, when it has one (0x80..0x9F hold typographic
/// characters; the five bytes windows-1252 leaves undefined decode to C1 controls and map back
/// to themselves).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) || matches!(u, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D) {
        return Some(u as u8);
    }
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// Repairs UTF-8-read-as-windows-1252 runs. Each maximal run of non-ASCII characters that all
/// have a windows-1252 byte is turned back into bytes; when those bytes are valid UTF-8 holding
/// at least one multi-byte character, the run is replaced. Returns the text and the number of
/// runs repaired, or `None` when nothing needed repair.
pub fn repair_cp1252(s: &str) -> Option<(String, usize)> {
    let mut out = String::with_capacity(s.len());
    let mut repaired = 0;
    let mut run: Vec<(char, u8)> = Vec::new();
    let flush = |run: &mut Vec<(char, u8)>, out: &mut String, repaired: &mut usize| {
        if run.is_empty() {
            return;
        }
        let bytes: Vec<u8> = run.iter().map(|&(_, b)| b).collect();
        match std::str::from_utf8(&bytes) {
            Ok(fixed) if fixed.chars().any(|c| c as u32 >= 0x80) => {
                out.push_str(fixed);
                *repaired += 1;
            }
            _ => out.extend(run.iter().map(|&(c, _)| c)),
        }
        run.clear();
    };
    for c in s.chars() {
        match cp1252_byte(c) {
            Some(b) if b >= 0x80 => run.push((c, b)),
            _ => {
                flush(&mut run, &mut out, &mut repaired);
                out.push(c);
            }
        }
    }
    flush(&mut run, &mut out, &mut repaired);
    (repaired > 0).then_some((out, repaired))
}

/// Precomposed Vietnamese letters (Latin Extended Additional) or ư/ơ/đ/ă: their presence shows
/// text that was decoded correctly.
fn has_vietnamese_letters(s: &str) -> bool {
    s.chars().any(|c| {
        ('\u{1EA0}'..='\u{1EF9}').contains(&c)
            || matches!(c, 'ư' | 'Ư' | 'ơ' | 'Ơ' | 'đ' | 'Đ' | 'ă' | 'Ă')
    })
}

/// Warnings for mojibake left in `s` (run [`repair_cp1252`] first): legacy TCVN3 or VNI text,
/// or UTF-8-as-windows-1252 runs that could not be repaired with certainty. Empty when the
/// text looks clean.
pub fn detect(s: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let clean_vietnamese = has_vietnamese_letters(s);
    // TCVN3 puts Vietnamese letters on 0xA1..0xFF; read as windows-1252 they become signs
    // such as ¸ µ ¶ ¹ ª « sitting inside words.
    let mut tcvn = 0;
    // VNI writes a base vowel then a mark byte (ù ø û õ ï ö ô ñ ...); vowel + ø/û/ï/ö/ñ/ä/å/ë
    // never occurs in Vietnamese.
    let mut vni = 0;
    let mut cp1252 = 0;
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if ('\u{00A1}'..='\u{00BF}').contains(&c)
            && !matches!(c, '«' | '»' | '°' | '©' | '®' | '§' | '±')
            && (prev.is_ascii_alphabetic() || next.is_ascii_alphabetic())
        {
            tcvn += 1;
        }
        if "aeiouyAEIOUY".contains(prev) && "øûïöñäåëùÿ".contains(c) {
            vni += 1;
        }
        if matches!(prev, 'Ã' | 'Ä' | 'Æ' | 'á' | 'â' | 'Â')
            && ('\u{0080}'..='\u{00BF}').contains(&c)
            || cp1252_byte(c).is_some_and(|b| (0x80..0xA0).contains(&b))
                && matches!(prev, 'á' | 'Ã' | 'Ä' | 'Æ')
        {
            cp1252 += 1;
        }
    }
    if cp1252 >= 2 {
        warnings.push(format!(
            "text looks like utf-8 read as windows-1252 ({cp1252} suspicious sequences such as \"áº\") and could not be repaired with certainty"
        ));
    }
    if !clean_vietnamese && tcvn >= 3 {
        warnings.push(format!(
            "text looks like legacy tcvn3 (.vntime) vietnamese ({tcvn} letters such as \"¸ µ ¶\"); convert the source to unicode"
        ));
    }
    if !clean_vietnamese && vni >= 3 {
        warnings.push(format!(
            "text looks like legacy vni vietnamese ({vni} sequences such as \"aù\", \"ö\"); convert the source to unicode"
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_cp1252_mojibake(s: &str) -> String {
        let (d, _, _) = encoding_rs::WINDOWS_1252.decode(s.as_bytes());
        d.into_owned()
    }

    #[test]
    fn repairs_utf8_read_as_cp1252() {
        let good = "Giải thưởng Hội đồng Thi đua - Khen thưởng tỉnh Bắc Kạn, “nông thôn mới”";
        let bad = as_cp1252_mojibake(good);
        assert!(bad.contains("Giáº£i"), "{bad}");
        let (fixed, n) = repair_cp1252(&bad).expect("repairable");
        assert_eq!(fixed, good);
        assert!(n > 5);
    }

    #[test]
    fn leaves_clean_text_alone() {
        assert_eq!(repair_cp1252("Hương Dịu, café, naïve © 2020"), None);
        assert!(detect("Hương Dịu, Bạch Thông, hoà, hòa, Đà Nẵng").is_empty());
        assert!(detect("Café au lait, résumé, 5 °C ± 1").is_empty());
    }

    #[test]
    fn detects_tcvn3() {
        // "Thái Nguyên tăng cường công tác" typed with a .VnTime font.
        let w = detect("Th¸i Nguyªn t¨ng c\u{AD}êng c«ng t¸c");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("tcvn3"));
    }

    #[test]
    fn detects_vni() {
        // "Việt Nam đã phát triển" in VNI-Windows read as windows-1252.
        let w = detect("Vieät Nam ñaõ phaùt trieån");
        assert!(w.iter().any(|w| w.contains("vni")), "{w:?}");
    }

    #[test]
    fn warns_on_unrepairable_cp1252() {
        // A repaired-looking run broken by a lost byte cannot be undone with certainty.
        let w = detect("Giáº Ä‘i vá»");
        assert!(w.iter().any(|w| w.contains("windows-1252")), "{w:?}");
    }
}
