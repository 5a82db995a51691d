//! Fonts: the bundled families (Andika, Noto Sans) compiled into the binary, or one user
//! TTF/OTF, each parsed and checked once and shared between threads behind an [`Arc`].
//!
//! A user font must cover every character of the book ([`Fonts::missing_chars`]): a missing
//! glyph would print as a tofu box and read back as nothing (PDF/UA-1 7.21.8 forbids .notdef).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use rustybuzz::ttf_parser;

static ANDIKA: [&[u8]; 4] = [
    include_bytes!("../../fonts/andika/Andika-Regular.ttf"),
    include_bytes!("../../fonts/andika/Andika-Bold.ttf"),
    include_bytes!("../../fonts/andika/Andika-Italic.ttf"),
    include_bytes!("../../fonts/andika/Andika-BoldItalic.ttf"),
];
static ANDIKA_LICENSE: &str = include_str!("../../fonts/andika/OFL.txt");
static NOTO: [&[u8]; 4] = [
    include_bytes!("../../fonts/noto-sans/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/noto-sans/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/noto-sans/NotoSans-Italic.ttf"),
    include_bytes!("../../fonts/noto-sans/NotoSans-BoldItalic.ttf"),
];
static NOTO_LICENSE: &str = include_str!("../../fonts/noto-sans/OFL.txt");

/// Why a font cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// The font file could not be read.
    #[error("font {path}: cannot be read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The bytes are not a TrueType/OpenType font.
    #[error("font {name}: not a TrueType or OpenType font")]
    Parse {
        /// The file or family.
        name: String,
    },
    /// The font lacks glyphs for characters of the text.
    #[error("font {name}: no glyph for {}", format_missing(.missing))]
    MissingChars {
        /// The file or family.
        name: String,
        /// The characters without a glyph, in order of first appearance.
        missing: Vec<char>,
    },
}

/// Formats missing characters as `'ắ' (U+1EAF), ...`.
pub fn format_missing(missing: &[char]) -> String {
    missing
        .iter()
        .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A bundled font family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontFamily {
    /// SIL Andika: designed for legibility (distinct I, l and 1); the default.
    #[default]
    Andika,
    /// Google Noto Sans.
    NotoSans,
}

/// One of the four faces of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Regular.
    Regular,
    /// Bold: headings, emphasis, page numbers.
    Bold,
    /// Italic (bundled for the EPUB; large print never uses it).
    Italic,
    /// Bold italic (bundled for the EPUB; large print never uses it).
    BoldItalic,
}

impl Face {
    /// Index 0..4 of the face.
    pub fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
            Face::BoldItalic => 3,
        }
    }
}

/// Bytes of one face: static for bundled fonts, shared for a user file.
#[derive(Clone)]
enum Bytes {
    Static(&'static [u8]),
    Shared(Arc<Vec<u8>>),
}

impl Bytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Shared(b) => b,
        }
    }
}

/// Vertical metrics of a face, in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Units per em.
    pub units_per_em: f32,
    /// Typographic ascender (positive).
    pub ascender: f32,
    /// Typographic descender (negative).
    pub descender: f32,
}

/// The four faces of a family, parsed and checked once. `Send + Sync`.
pub struct Fonts {
    name: String,
    faces: [Bytes; 4],
    metrics: [Metrics; 4],
    /// Sorted code points the regular face maps (the coverage check).
    coverage: Vec<u32>,
    license: String,
    synthetic_bold: bool,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts").field("name", &self.name).finish()
    }
}

impl Fonts {
    /// A bundled family, parsed on first use and shared afterwards.
    pub fn bundled(family: FontFamily) -> Result<Arc<Fonts>, FontError> {
        static CELLS: [OnceLock<Result<Arc<Fonts>, String>>; 2] =
            [OnceLock::new(), OnceLock::new()];
        let (i, name, files, license) = match family {
            FontFamily::Andika => (0, "Andika", &ANDIKA, ANDIKA_LICENSE),
            FontFamily::NotoSans => (1, "Noto Sans", &NOTO, NOTO_LICENSE),
        };
        let got = CELLS[i].get_or_init(|| {
            let faces = files.map(Bytes::Static);
            Fonts::build(name.to_string(), faces, license.to_string(), false)
                .map(Arc::new)
                .map_err(|_| name.to_string())
        });
        got.clone().map_err(|name| FontError::Parse { name })
    }

    /// A user font file (TTF/OTF) used for all four faces; bold is synthesised by stroking
    /// the outlines, italics are never drawn.
    pub fn from_file(path: &Path) -> Result<Arc<Fonts>, FontError> {
        let bytes = std::fs::read(path).map_err(|source| FontError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let data = Arc::new(bytes);
        let parsed = ttf_parser::Face::parse(&data, 0).map_err(|_| FontError::Parse {
            name: path.display().to_string(),
        })?;
        let family = family_name_of(&parsed).unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "user font".to_string())
        });
        let faces = [0; 4].map(|_| Bytes::Shared(data.clone()));
        let license = format!(
            "The font \"{family}\" was supplied by the user ({}); its license is the user's.",
            path.display()
        );
        Fonts::build(family, faces, license, true)
            .map(Arc::new)
            .map_err(|_| FontError::Parse {
                name: path.display().to_string(),
            })
    }

    fn build(name: String, faces: [Bytes; 4], license: String, synth: bool) -> Result<Fonts, ()> {
        let mut metrics = [Metrics {
            units_per_em: 1000.0,
            ascender: 800.0,
            descender: -200.0,
        }; 4];
        let mut coverage = Vec::new();
        for (i, bytes) in faces.iter().enumerate() {
            let face = ttf_parser::Face::parse(bytes.as_slice(), 0).map_err(|_| ())?;
            // rustybuzz must accept it too, since layout shapes with it.
            rustybuzz::Face::from_slice(bytes.as_slice(), 0).ok_or(())?;
            metrics[i] = Metrics {
                units_per_em: f32::from(face.units_per_em()),
                ascender: f32::from(face.ascender()),
                descender: f32::from(face.descender()),
            };
            if i == 0 {
                if let Some(cmap) = face.tables().cmap {
                    for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                        sub.codepoints(|cp| coverage.push(cp));
                    }
                }
                coverage.sort_unstable();
                coverage.dedup();
            }
        }
        Ok(Fonts {
            name,
            faces,
            metrics,
            coverage,
            license,
            synthetic_bold: synth,
        })
    }

    /// The raw font file of a face, for the EPUB writer to subset and embed.
    pub fn face_data(&self, face: Face) -> &[u8] {
        self.faces[face.index()].as_slice()
    }

    /// The face bytes as krilla/shared data.
    pub(crate) fn face_bytes(&self, face: Face) -> FaceBytes {
        match &self.faces[face.index()] {
            Bytes::Static(b) => FaceBytes::Static(b),
            Bytes::Shared(b) => FaceBytes::Shared(b.clone()),
        }
    }

    /// The family name ("Andika", "Noto Sans", or the user font's name).
    pub fn family_name(&self) -> &str {
        &self.name
    }

    /// The license text that must travel with embedded copies of the font.
    pub fn license_text(&self) -> &str {
        &self.license
    }

    /// Vertical metrics of a face.
    pub fn metrics(&self, face: Face) -> Metrics {
        self.metrics[face.index()]
    }

    /// Whether bold is drawn by stroking the regular outlines (a user font with one face).
    pub fn synthetic_bold(&self) -> bool {
        self.synthetic_bold
    }

    /// Characters of `text` the font has no glyph for, in order of first appearance.
    /// Whitespace, controls and default-ignorable characters need no glyph.
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || is_default_ignorable(c) {
                continue;
            }
            if self.coverage.binary_search(&(c as u32)).is_err() && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// Fails with the list of missing characters when the font cannot draw `text`.
    pub fn check_covers(&self, text: &str) -> Result<(), FontError> {
        let missing = self.missing_chars(text);
        if missing.is_empty() {
            Ok(())
        } else {
            Err(FontError::MissingChars {
                name: self.name.clone(),
                missing,
            })
        }
    }
}

/// Face bytes without copying, for the PDF writer.
pub(crate) enum FaceBytes {
    Static(&'static [u8]),
    Shared(Arc<Vec<u8>>),
}

/// Zero-width characters that fonts need not map (Unicode Default_Ignorable_Code_Point, the
/// ones that occur in web text).
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8)
}

fn family_name_of(face: &ttf_parser::Face<'_>) -> Option<String> {
    let names = face.names();
    (0..names.len())
        .filter_map(|i| names.get(i))
        .filter(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
        .find_map(|n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_vietnamese() {
        for fam in [FontFamily::Andika, FontFamily::NotoSans] {
            let f = Fonts::bundled(fam).unwrap();
            assert!(
                f.missing_chars("Ể Ỗ Ậ đĐ ơư ạ ₫ “ ” – …").is_empty(),
                "{fam:?}"
            );
            assert_eq!(f.missing_chars("漢a漢"), vec!['漢']);
        }
    }

    #[test]
    fn bundled_fonts_are_parsed_once() {
        let a = Fonts::bundled(FontFamily::Andika).unwrap();
        let b = Fonts::bundled(FontFamily::Andika).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.family_name(), "Andika");
        assert!(a.license_text().contains("Reserved Font Name"));
    }

    #[test]
    fn user_font_errors_name_the_file() {
        let err = Fonts::from_file(Path::new("/nonexistent/x.ttf")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/x.ttf"));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.ttf");
        std::fs::write(&p, b"not a font").unwrap();
        assert!(matches!(Fonts::from_file(&p), Err(FontError::Parse { .. })));
    }
}
