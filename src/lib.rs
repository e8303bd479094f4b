//! diglot: build bilingual static help sites from localized Markdown, and verify them.
//!
//! The pipeline runs one way:
//! [`config`] → [`content`] → [`markdown`] → [`model`] → [`site`] → [`render`] → [`output`],
//! with [`diagnostics`] collecting what each stage finds along the way.
//! Every file is read and parsed once (a streamed check, [`check::stream`], reads again the
//! few whose findings need it); later stages only read the [`markdown::Article`].

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod decode;
pub mod diagnostics;
pub mod engine;
pub mod escape;
pub mod files;
#[doc(hidden)]
pub mod fuzz;
pub mod graph;
pub mod hash;
pub mod markdown;
pub mod model;
pub mod output;
pub mod plural;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub mod span;
pub mod suggest;

pub use config::Config;
pub use diagnostics::{Diagnostic, Severity};
pub use markdown::Article;
pub use site::Site;
