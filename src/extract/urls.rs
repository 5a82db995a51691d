//! Resolving image and link addresses against the page.
//!
//! A page read from disk keeps its images beside it, so a relative `src` becomes a path joined
//! to the page's folder (`samples/x/images/a.jpg`) even when the page declares a `<base href>`
//! or a canonical URL: the saved copy is what we have. Root-relative addresses (`/Pages/x.aspx`)
//! have no meaning on disk and are resolved against the site (base, canonical or og:url) when
//! the page names it. A page fetched from a URL resolves everything against that URL (or its
//! `<base href>`).

use std::path::{Component, Path, PathBuf};

use url::Url;

/// Resolves addresses found in one page.
#[derive(Debug, Clone)]
pub struct Resolver {
    /// The folder of a page read from disk.
    page_dir: Option<PathBuf>,
    /// The base URL of a page read from the web (its `<base href>` or its own URL).
    page_url: Option<Url>,
    /// The site's address from `<base href>`, canonical or og:url, for root-relative
    /// addresses of a page read from disk.
    site: Option<Url>,
}

impl Resolver {
    /// A resolver for a page from `source` (a path or an http(s) URL). `base` is the page's
    /// `<base href>`; `site` lists the page's other claims about its address (canonical,
    /// og:url), first absolute one wins.
    pub fn new(source: &str, base: Option<&str>, site: &[&str]) -> Resolver {
        let site = base
            .into_iter()
            .chain(site.iter().copied())
            .find_map(|d| Url::parse(d.trim()).ok().filter(|u| u.has_host()));
        match Url::parse(source) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => {
                let base = base.and_then(|b| u.join(b.trim()).ok()).unwrap_or(u);
                Resolver {
                    page_dir: None,
                    page_url: Some(base),
                    site: None,
                }
            }
            _ => {
                let dir = Path::new(source)
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                Resolver {
                    page_dir: Some(dir),
                    page_url: None,
                    site,
                }
            }
        }
    }

    /// Resolves an image `src`.
    pub fn image(&self, raw: &str) -> String {
        self.resolve(raw, true)
    }

    /// Resolves a link `href`.
    pub fn link(&self, raw: &str) -> String {
        self.resolve(raw, false)
    }

    fn resolve(&self, raw: &str, is_image: bool) -> String {
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') || has_scheme(raw) {
            return raw.to_string();
        }
        if let Some(base) = &self.page_url {
            return base
                .join(raw)
                .map_or_else(|_| raw.to_string(), String::from);
        }
        let rooted = raw.starts_with('/');
        if rooted || !is_image {
            return match &self.site {
                Some(site) => site
                    .join(raw)
                    .map_or_else(|_| raw.to_string(), String::from),
                None => raw.to_string(),
            };
        }
        let path_part = raw.split(['?', '#']).next().unwrap_or(raw);
        let decoded = percent_decode(path_part);
        let joined = self.page_dir.clone().unwrap_or_default().join(decoded);
        lexical_normalize(&joined)
    }
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 1 => s[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        _ => s.starts_with("//"),
    }
}

/// `%20` and friends back to characters (file names on disk are not percent-encoded).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |x: u8| (x as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Removes `.` and `..` without touching the file system; forward slashes in the result.
fn lexical_normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for c in p.components() {
        match c {
            Component::RootDir => absolute = true,
            Component::Prefix(x) => parts.push(x.as_os_str().to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.last().is_some_and(|l| l != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..".into());
                }
            }
            Component::Normal(n) => parts.push(n.to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_pages_join_the_folder() {
        let r = Resolver::new(
            "samples/x/index.html",
            None,
            &["https://backan.gov.vn/Pages/a.aspx"],
        );
        assert_eq!(r.image("images/a.jpg"), "samples/x/images/a.jpg");
        assert_eq!(
            r.image("./images/a%20b.jpg?w=600"),
            "samples/x/images/a b.jpg"
        );
        assert_eq!(r.image("../shared/c.png"), "samples/shared/c.png");
        assert_eq!(
            r.image("images/%E1%BA%A3nh%aé.jpg"),
            "samples/x/images/ảnh%aé.jpg"
        );
        assert_eq!(r.image("images/%C3%A9.jpg"), "samples/x/images/é.jpg");
        assert_eq!(
            r.image("/PublishingImages/b.jpg"),
            "https://backan.gov.vn/PublishingImages/b.jpg"
        );
        assert_eq!(
            r.link("/Pages/tin.aspx"),
            "https://backan.gov.vn/Pages/tin.aspx"
        );
        assert_eq!(r.image("https://cdn.x.vn/a.jpg"), "https://cdn.x.vn/a.jpg");
        assert_eq!(
            r.image("data:image/png;base64,AAAA"),
            "data:image/png;base64,AAAA"
        );
        let bare = Resolver::new("index.html", None, &[]);
        assert_eq!(bare.image("images/a.jpg"), "images/a.jpg");
        assert_eq!(bare.link("/Pages/tin.aspx"), "/Pages/tin.aspx");
    }

    #[test]
    fn url_pages_join_the_url() {
        let r = Resolver::new("https://vnexpress.net/thoi-su/bai-viet.html", None, &[]);
        assert_eq!(
            r.image("images/a.jpg"),
            "https://vnexpress.net/thoi-su/images/a.jpg"
        );
        assert_eq!(r.image("/a.jpg"), "https://vnexpress.net/a.jpg");
        let b = Resolver::new("https://x.vn/a/b.html", Some("https://cdn.x.vn/base/"), &[]);
        assert_eq!(b.image("i.png"), "https://cdn.x.vn/base/i.png");
    }
}
