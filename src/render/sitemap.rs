//! `sitemap.xml` with hreflang alternates (only with a `base_url`: sitemaps need absolute URLs).

use std::fmt::Write;

use crate::escape;

/// One page and its URL in every locale that has it.
pub struct SitemapEntry {
    /// (hreflang, absolute URL), the page's own locale first.
    pub alternates: Vec<(String, String)>,
}

pub fn render(entries: &[SitemapEntry]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        for (_, url) in &e.alternates {
            let _ = writeln!(out, "<url><loc>{}</loc>", escape::text(url));
            for (lang, alt) in &e.alternates {
                let _ = writeln!(
                    out,
                    "  <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape::attr(lang),
                    escape::attr(alt)
                );
            }
            out.push_str("</url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}
