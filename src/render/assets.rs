//! The stylesheet and script, fingerprinted so browsers can cache them for good.

/// A static file of the theme with its fingerprinted path (`static/style.1a2b3c4d.css`).
pub struct ThemeAsset {
    pub path: String,
    pub bytes: &'static [u8],
}

pub struct Theme {
    pub css: ThemeAsset,
    pub js: ThemeAsset,
    pub icon: ThemeAsset,
}

impl Theme {
    /// The built-in theme, fingerprinted once per process.
    pub fn built_in() -> &'static Theme {
        static THEME: std::sync::OnceLock<Theme> = std::sync::OnceLock::new();
        THEME.get_or_init(|| Theme {
            css: fingerprinted("style", "css", include_bytes!("static/style.css")),
            js: fingerprinted("diglot", "js", include_bytes!("static/diglot.js")),
            icon: fingerprinted("icon", "svg", include_bytes!("static/icon.svg")),
        })
    }

    /// Every file of the theme, as written.
    pub fn files(&self) -> [&ThemeAsset; 3] {
        [&self.css, &self.js, &self.icon]
    }
}

fn fingerprinted(stem: &str, ext: &str, bytes: &'static [u8]) -> ThemeAsset {
    ThemeAsset {
        path: format!("static/{stem}.{:08x}.{ext}", fnv1a(bytes) as u32),
        bytes,
    }
}

pub use crate::hash::fnv1a;
