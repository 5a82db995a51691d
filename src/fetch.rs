//! Reading pages and their images over HTTP(S): one shared [`ureq`] agent with a user agent,
//! timeouts, a redirect limit and a size limit per response. `http_proxy`, `https_proxy`,
//! `all_proxy` and `no_proxy` are honoured.

use std::sync::OnceLock;
use std::time::Duration;

/// The largest page read (bytes).
pub const MAX_PAGE_BYTES: u64 = 20 * 1024 * 1024;

/// A response body and what the server said about it.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The body.
    pub bytes: Vec<u8>,
    /// The `charset` parameter of the `Content-Type` header, if any.
    pub charset: Option<String>,
}

/// Whether `s` is an address this module reads (`http://` or `https://`).
pub fn is_url(s: &str) -> bool {
    let lower = s.trim_start().get(..8).unwrap_or("").to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::Agent::config_builder()
            .user_agent(concat!("largeprint/", env!("CARGO_PKG_VERSION")))
            .timeout_global(Some(Duration::from_secs(60)))
            .timeout_connect(Some(Duration::from_secs(20)))
            .max_redirects(5)
            .http_status_as_error(false)
            .build()
            .into()
    })
}

/// Reads `url` (at most `limit` bytes). The error says what went wrong in words: the HTTP
/// status, a connection failure, a body over the limit.
pub fn get(url: &str, limit: u64) -> Result<Fetched, String> {
    if !is_url(url) {
        return Err(format!(
            "{url}: only http:// and https:// addresses are read"
        ));
    }
    let mut response = agent()
        .get(url)
        .header(
            "Accept",
            "text/html,application/xhtml+xml,image/*;q=0.9,*/*;q=0.8",
        )
        .call()
        .map_err(|e| format!("{url}: cannot be read: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "{url}: the server answered HTTP {}{}",
            status.as_u16(),
            status
                .canonical_reason()
                .map(|r| format!(" {r}"))
                .unwrap_or_default()
        ));
    }
    let charset = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(content_type_charset);
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => {
                format!("{url}: larger than {limit} bytes; not read")
            }
            e => format!("{url}: cannot be read: {e}"),
        })?;
    Ok(Fetched { bytes, charset })
}

/// The `charset` parameter of a `Content-Type` value.
fn content_type_charset(value: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_charsets() {
        assert!(is_url("https://backan.gov.vn/Pages/a.aspx"));
        assert!(is_url("HTTP://example.org/"));
        assert!(!is_url("samples/a.html"));
        assert!(!is_url("file:///etc/passwd"));
        assert!(!is_url("-"));
        assert_eq!(
            content_type_charset("text/html; charset=\"windows-1258\""),
            Some("windows-1258".into())
        );
        assert_eq!(
            content_type_charset("text/html;Charset=UTF-8"),
            Some("UTF-8".into())
        );
        assert_eq!(content_type_charset("text/html"), None);
        assert!(get("file:///etc/passwd", 10).is_err());
    }
}
