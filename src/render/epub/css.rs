//! The EPUB's one stylesheet: large print by default, every size relative so that the
//! reader's own font-size, font and colour settings still win.
//!
//! Rules: body larger than the app default (1.5em of a
//! 16 px default is 24 px, about 18 pt: APH and UKAAF MS03 "18 pt preferred"), line-height 1.5
//! (WCAG 1.4.12, and Vietnamese stacked marks such as Ể need the room), left aligned and never
//! justified, no automatic hyphenation (UKAAF, RNIB), emphasis in bold instead of italics
//! (RNIB), captions at body size. No colours are set: text and background stay those of the
//! reading app (black on white by default, 21:1), so its themes and high-contrast modes keep
//! working and contrast never falls under 4.5:1 (WCAG 1.4.3) because of us.

/// The stylesheet, with `@font-face` rules declaring the embedded regular and bold subsets at
/// `regular_href` and `bold_href` (relative to the stylesheet) under `family`. The family
/// name ("LargePrint Andika") is one no system has, so a rendering that shows the font's
/// shapes proves the embedded font is in use. Without a bold file the reading app
/// emboldens the regular face itself.
pub fn stylesheet(family: &str, regular_href: &str, bold_href: Option<&str>) -> String {
    let face = |weight: &str, href: &str| {
        format!(
            "@font-face {{\n  font-family: \"{family}\";\n  font-style: normal;\n  font-weight: {weight};\n  src: url(\"{href}\");\n}}\n"
        )
    };
    let mut faces = face("normal", regular_href);
    if let Some(b) = bold_href {
        faces.push_str(&face("bold", b));
    }
    format!(
        r#"@charset "UTF-8";
{faces}body {{
  font-family: "{family}", sans-serif;
  font-size: 1.5em;
  line-height: 1.5;
  text-align: left;
  -webkit-hyphens: manual;
  -epub-hyphens: manual;
  hyphens: manual;
  overflow-wrap: break-word;
  margin: 0 0.5em;
}}
p, li, dd, td, th, figcaption, caption, blockquote {{
  text-align: left;
}}
p {{
  margin: 0 0 0.75em 0;
  text-indent: 0;
}}
h1, h2, h3, h4, h5, h6 {{
  font-weight: bold;
  font-style: normal;
  line-height: 1.5;
  margin: 1em 0 0.5em 0;
  page-break-after: avoid;
  break-after: avoid;
}}
h1 {{ font-size: 1.6em; margin-top: 0.5em; }}
h2 {{ font-size: 1.35em; }}
h3 {{ font-size: 1.2em; }}
h4, h5, h6 {{ font-size: 1.1em; }}
em, i, cite, dfn, var, address {{
  font-style: normal;
  font-weight: bold;
}}
strong, b {{
  font-weight: bold;
}}
a {{
  text-decoration: underline;
}}
header {{
  margin-bottom: 1em;
}}
.dateline, .byline, .source, .edition-note {{
  margin: 0 0 0.25em 0;
}}
.lead {{
  font-weight: bold;
}}
figure {{
  margin: 1em 0;
  page-break-inside: avoid;
  break-inside: avoid;
}}
figure img {{
  display: block;
  max-width: 100%;
  height: auto;
}}
figcaption {{
  font-size: 1em;
  font-style: normal;
  margin-top: 0.25em;
}}
.missing-image {{
  border: 0.125em solid;
  padding: 0.5em;
  font-weight: bold;
  margin: 0;
}}
ul, ol {{
  margin: 0 0 0.75em 0;
  padding-left: 1.5em;
}}
li > p {{
  margin-bottom: 0.25em;
}}
blockquote {{
  margin: 0.75em 0 0.75em 0.5em;
  padding-left: 0.75em;
  border-left: 0.25em solid;
}}
table {{
  width: 100%;
  border-collapse: collapse;
  margin: 0 0 1em 0;
}}
caption {{
  font-weight: bold;
  caption-side: top;
  padding-bottom: 0.25em;
}}
th, td {{
  border: 0.0625em solid;
  padding: 0.25em 0.5em;
  vertical-align: top;
}}
th {{
  font-weight: bold;
}}
.contents {{
  list-style-type: none;
  padding-left: 0;
}}
"#
    )
}
