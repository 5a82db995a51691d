//! Dates as Vietnamese portals write them ("29/07/2020", "Thứ tư, 29/7/2020, 08:15 (GMT+7)",
//! "ngày 29 tháng 7 năm 2020", "2020-07-29T08:15:00+07:00") to ISO 8601, and back to words.

use unicode_normalization::UnicodeNormalization;

/// The first valid calendar date in `s`, as ISO 8601 (`2020-07-29`). Day-first numeric dates
/// (the Vietnamese order), ISO dates and the spelled-out "ngày D tháng M năm Y" are
/// recognised; a time, weekday or time zone around the date is ignored. Impossible dates
/// (31/02/2020) are skipped.
pub fn iso_date(s: &str) -> Option<String> {
    let chars: Vec<char> = s.nfc().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            if let Some(d) = numeric_at(&chars, i) {
                return Some(d);
            }
        }
        i += 1;
    }
    spelled(&chars)
}

/// A numeric date starting at `i`: `d/m/yyyy` (also with `.` or `-`) or `yyyy-mm-dd`.
fn numeric_at(chars: &[char], i: usize) -> Option<String> {
    let (a, i) = number(chars, i)?;
    let sep = *chars.get(i)?;
    if !matches!(sep, '/' | '.' | '-') {
        return None;
    }
    let ((b, _), j) = number(chars, i + 1)?;
    if chars.get(j) != Some(&sep) {
        return None;
    }
    let ((c, _), k) = number(chars, j + 1)?;
    let (lb, lc) = (j - i - 1, k - j - 1);
    let (y, m, d) = if a.1 == 4 && lb <= 2 && lc <= 2 {
        (a, (b, lb), (c, lc))
    } else if a.1 <= 2 && lb <= 2 && lc == 4 {
        ((c, lc), (b, lb), a)
    } else {
        return None;
    };
    valid(y, m, d)
}

/// A run of at most 4 ASCII digits at `i`: (value, digit count) and where the run ends.
fn number(chars: &[char], i: usize) -> Option<((u32, usize), usize)> {
    let mut v = 0u32;
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_digit() {
        if j - i == 4 {
            return None;
        }
        v = v * 10 + chars[j].to_digit(10)?;
        j += 1;
    }
    (j > i).then_some(((v, j - i), j))
}

fn valid(y: (u32, usize), m: (u32, usize), d: (u32, usize)) -> Option<String> {
    let (y, m, d) = (y.0, m.0, d.0);
    if !(1900..=2199).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days)
        .contains(&d)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// "ngày 29 tháng 7 năm 2020" (the "ngày" optional, any case).
fn spelled(chars: &[char]) -> Option<String> {
    let lower: String = chars.iter().flat_map(|c| c.to_lowercase()).collect();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for w in words.windows(5) {
        if w[1] == "tháng" && w[3] == "năm" {
            let num = |s: &str| -> Option<(u32, usize)> {
                (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| s.parse().ok().map(|v| (v, s.len())))
                    .flatten()
            };
            if let (Some(d), Some(m), Some(y)) = (num(w[0]), num(w[2]), num(w[4])) {
                if y.1 == 4 {
                    if let Some(iso) = valid(y, m, d) {
                        return Some(iso);
                    }
                }
            }
        }
    }
    None
}

/// The year, month and day of a valid ISO `YYYY-MM-DD` date (anything after the tenth
/// character, such as a time, is ignored).
pub fn parse_iso(iso: &str) -> Option<(u32, u32, u32)> {
    let b = iso.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: u32 = iso.get(0..4)?.parse().ok()?;
    let m: u32 = iso.get(5..7)?.parse().ok()?;
    let d: u32 = iso.get(8..10)?.parse().ok()?;
    valid((y, 4), (m, 2), (d, 2))?;
    Some((y, m, d))
}

/// An ISO date in Vietnamese words, as a title block prints it: "2020-07-29" gives
/// "Ngày 29 tháng 7 năm 2020". `None` when `iso` is not a valid `YYYY-MM-DD` date.
pub fn date_words_vi(iso: &str) -> Option<String> {
    let (y, m, d) = parse_iso(iso)?;
    Some(format!("Ngày {d} tháng {m} năm {y}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_shapes() {
        for s in [
            "29/07/2020",
            "29/7/2020",
            "Thứ tư, 29/07/2020 | 08:15",
            "Thứ tư, 29/7/2020, 08:15 (GMT+7)",
            "Cập nhật: 08:15 ngày 29-07-2020",
            "29.07.2020",
            "2020-07-29T08:15:00+07:00",
            "Ngày 29 tháng 7 năm 2020",
            "ngày 29 tháng 07 năm 2020 lúc 8 giờ",
            "08:15 29/07/2020",
        ] {
            assert_eq!(iso_date(s).as_deref(), Some("2020-07-29"), "{s}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(iso_date("31/02/2020"), None);
        assert_eq!(iso_date("Chỉ thị 05-CT/TW"), None);
        assert_eq!(iso_date("08:15"), None);
        assert_eq!(iso_date("13/13/2020"), None);
        assert_eq!(iso_date("12345/7/2020"), None);
        assert_eq!(iso_date(""), None);
        assert_eq!(iso_date("29/02/2020").as_deref(), Some("2020-02-29"));
        assert_eq!(iso_date("29/02/2019"), None);
    }

    #[test]
    fn skips_an_invalid_date_for_a_later_valid_one() {
        assert_eq!(
            iso_date("số 99/99/2020, ngày 5/8/2021").as_deref(),
            Some("2021-08-05")
        );
    }

    #[test]
    fn words() {
        assert_eq!(
            date_words_vi("2020-07-29").as_deref(),
            Some("Ngày 29 tháng 7 năm 2020")
        );
        assert_eq!(
            date_words_vi("2021-01-05").as_deref(),
            Some("Ngày 5 tháng 1 năm 2021")
        );
        assert_eq!(date_words_vi("2020-13-01"), None);
        assert_eq!(date_words_vi("29/07/2020"), None);
    }
}
