//! From a request's path to a file of the rendered site, and never anywhere else: the path
//! is decoded once, and any `.` or `..` segment, backslash or NUL makes it nothing (the
//! site's 404 page), whatever its encoding. Only files the engine rendered exist here; the
//! disk is never read, so no path can leave the site.

use percent_encoding::percent_decode_str;

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A file of the site (`fr-fr/x/index.html`).
    File(String),
    /// A folder whose `index.html` exists, asked for without its `/`.
    Folder,
    Nothing,
}

/// Resolves a request path (`/fr-fr/x/`) against the files `exists` knows.
pub fn resolve(raw: &str, exists: impl Fn(&str) -> bool) -> Found {
    let Ok(decoded) = percent_decode_str(raw).decode_utf8() else {
        return Found::Nothing;
    };
    if decoded.contains(['\\', '\0']) {
        return Found::Nothing;
    }
    let inner = decoded.trim_start_matches('/');
    if inner.split('/').any(|s| s == "." || s == "..") {
        return Found::Nothing;
    }
    if inner.is_empty() || inner.ends_with('/') {
        let file = format!("{inner}index.html");
        return if exists(&file) {
            Found::File(file)
        } else {
            Found::Nothing
        };
    }
    if inner.contains("//") {
        return Found::Nothing;
    }
    if exists(inner) {
        return Found::File(inner.to_string());
    }
    if exists(&format!("{inner}/index.html")) {
        return Found::Folder;
    }
    Found::Nothing
}

/// The URL a browser uses for a site file: `fr-fr/x/index.html` → `/fr-fr/x/`.
pub fn url_of(file: &str) -> String {
    let path = file.strip_suffix("index.html").unwrap_or(file);
    format!("/{}", crate::escape::encode_path(path))
}

pub fn content_type(file: &str) -> &'static str {
    let ext = file
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_of_the_site_are_found() {
        let files = ["index.html", "fr-fr/x/index.html", "static/a b.css"];
        let exists = |p: &str| files.contains(&p);
        assert_eq!(resolve("/", exists), Found::File("index.html".into()));
        assert_eq!(
            resolve("/fr-fr/x/", exists),
            Found::File("fr-fr/x/index.html".into())
        );
        assert_eq!(resolve("/fr-fr/x", exists), Found::Folder);
        assert_eq!(
            resolve("/static/a%20b.css", exists),
            Found::File("static/a b.css".into())
        );
        for hostile in [
            "/../index.html",
            "/fr-fr/../index.html",
            "/%2e%2e/index.html",
            "/%252e%252e/index.html",
            "/fr-fr%2f..%2findex.html",
            "/..%5cindex.html",
            "/index.html%00",
            "/fr-fr/./x/",
            "//etc/passwd",
            "/%ff",
        ] {
            assert_eq!(resolve(hostile, exists), Found::Nothing, "{hostile}");
        }
        assert_eq!(url_of("fr-fr/x/index.html"), "/fr-fr/x/");
        assert_eq!(url_of("index.html"), "/");
    }
}
