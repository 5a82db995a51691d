//! Extraction: a saved portal bulletin page (bytes) to an [`Article`].
//!
//! The page is decoded ([`crate::text::decode`]), mojibake is repaired where certain, the
//! HTML is parsed with html5ever into a flat DOM ([`dom`]), a profile locates the article
//! ([`profiles`]; the content-density fallback in [`density`] when no profile matches), the
//! body becomes blocks ([`blocks`]) and a shared clean-up pass ([`cleanup`]) takes out the
//! title, lead, author line and related news and attaches captions to their figures.
//!
//! Profiles: `publishing-portal` (SharePoint PublishingPortal), `ministry-aspnet`, `liferay`,
//! `vnexpress`, `vccorp`, and `generic`.

pub mod blocks;
pub mod cleanup;
pub mod density;
pub mod dom;
pub mod inlines;
pub mod profiles;
pub mod urls;

use crate::model::{Article, Block, Meta};
use crate::text::{self, mojibake};
use dom::Dom;

/// Why a page gave no article.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ExtractError {
    /// Nothing on the page looks like an article body.
    #[error("{page}: no article found: {reason}")]
    NoArticle {
        /// The page (path or URL).
        page: String,
        /// What was missing.
        reason: String,
    },
}

/// Extracts the article from a page's bytes; `source` is the page's path or URL (figure
/// sources are resolved against it).
pub fn extract(html: &[u8], source: &str) -> Result<Article, ExtractError> {
    let decoded = text::decode(html);
    run(decoded.text, source, decoded.warnings)
}

/// Extracts the article from a page read over HTTP from `url`, with the charset its server
/// declared (if any).
pub fn extract_fetched(
    html: &[u8],
    url: &str,
    charset: Option<&str>,
) -> Result<Article, ExtractError> {
    let decoded = text::decode_with_transport(html, charset);
    run(decoded.text, url, decoded.warnings)
}

/// Extracts the article from a page already decoded to text.
pub fn extract_str(html: &str, source: &str) -> Result<Article, ExtractError> {
    run(html.to_string(), source, Vec::new())
}

fn no_article(source: &str, reason: impl Into<String>) -> ExtractError {
    ExtractError::NoArticle {
        page: source.to_string(),
        reason: reason.into(),
    }
}

fn run(mut html: String, source: &str, mut warnings: Vec<String>) -> Result<Article, ExtractError> {
    if let Some((fixed, n)) = mojibake::repair_cp1252(&html) {
        html = fixed;
        warnings.push(format!(
            "repaired {n} runs of utf-8 text that had been read as windows-1252 (such as \"Giáº£i\" for \"Giải\")"
        ));
    }
    let dom = Dom::parse(&html);
    let attr_of = |sel: &str, name: &str| {
        dom.first(sel)
            .and_then(|n| dom.attr(n, name))
            .map(str::to_string)
    };
    let base = attr_of("base[href]", "href");
    let site: Vec<String> = [
        attr_of("link[rel=canonical]", "href"),
        attr_of("meta[property=og:url]", "content"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let site_refs: Vec<&str> = site.iter().map(String::as_str).collect();
    // The page's own address, shown to readers as its source: only an absolute http(s) one.
    let url = site
        .iter()
        .map(|u| u.trim())
        .find(|u| u.starts_with("https://") || u.starts_with("http://"))
        .or_else(|| crate::fetch::is_url(source).then_some(source))
        .map(str::to_string);
    let resolver = urls::Resolver::new(source, base.as_deref(), &site_refs);
    // The primary language subtag ("vi-VN" -> "vi"): the editions declare the language, not
    // the region, and readers' voices are chosen by it.
    let language = attr_of("html", "lang")
        .and_then(|l| {
            let primary = l.trim().split(['-', '_']).next()?.to_ascii_lowercase();
            (!primary.is_empty() && primary.chars().all(|c| c.is_ascii_alphabetic()))
                .then_some(primary)
        })
        .unwrap_or_else(|| "vi".to_string());

    let located = match profiles::locate(&dom) {
        Some(l) => l,
        None => {
            let body = density::best_candidate(&dom).map_err(|r| no_article(source, r))?;
            profiles::Located {
                profile: "generic",
                body,
                ..Default::default()
            }
        }
    };
    let chrome = |d: &Dom, id: dom::NodeId| profiles::is_chrome(d, id);
    let mut builder = blocks::Builder::new(&dom, &resolver, &chrome);
    let items = builder.build(located.body);

    let title = located
        .title
        .clone()
        .or_else(|| profiles::fallback_title(&dom, located.body))
        .unwrap_or_default();
    let cleaned = cleanup::clean(
        items,
        &title,
        located.lead.as_deref(),
        located.author.as_deref(),
    );
    let body_chars: usize = cleaned
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Figure(_)))
        .map(|b| b.plain_text().chars().count())
        .sum();
    if cleaned.blocks.is_empty() || body_chars == 0 {
        return Err(no_article(
            source,
            format!("the {} article body holds no text", located.profile),
        ));
    }
    if title.is_empty() {
        return Err(no_article(source, "no title: no h1, og:title or <title>"));
    }
    let date_original = located
        .date
        .clone()
        .or_else(|| profiles::fallback_date(&dom, located.body));
    let date = date_original.as_deref().and_then(text::iso_date);
    warnings.extend(cleaned.warnings);
    let lead = located.lead.or(cleaned.lead);

    let mut all_text = format!("{title}\n{}\n", lead.as_deref().unwrap_or(""));
    for b in &cleaned.blocks {
        all_text.push_str(&b.plain_text());
        all_text.push('\n');
    }
    warnings.extend(mojibake::detect(&all_text));

    Ok(Article {
        meta: Meta {
            title,
            date,
            date_original,
            author: cleaned.author,
            lead,
            source: source.to_string(),
            url,
            language,
            profile: located.profile.to_string(),
        },
        blocks: cleaned.blocks,
        warnings,
    })
}

#[cfg(test)]
mod tests;
