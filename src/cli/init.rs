//! `diglot init [DIR]`: a small bilingual site to start from, which builds and checks
//! clean: an English article and its French translation with sxs markup, their TOCs, a
//! partner-type table, and a model stub whose one workflow checks the article's procedure.
//! It never overwrites a file: if any file it would write exists, it writes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Exit;
use super::term::errln;

/// The site, file by file (the files live in `src/cli/init_site/`, where they can be read
/// and edited as a site).
const FILES: &[(&str, &str)] = &[
    ("site.toml", include_str!("init_site/site.toml")),
    (
        "content/en-us/TOC.yml",
        include_str!("init_site/content/en-us/TOC.yml"),
    ),
    (
        "content/en-us/find-a-partner.md",
        include_str!("init_site/content/en-us/find-a-partner.md"),
    ),
    (
        "content/fr-fr/TOC.yml",
        include_str!("init_site/content/fr-fr/TOC.yml"),
    ),
    (
        "content/fr-fr/find-a-partner.md",
        include_str!("init_site/content/fr-fr/find-a-partner.md"),
    ),
    (
        "content/_model/portals.yaml",
        include_str!("init_site/content/_model/portals.yaml"),
    ),
    (
        "content/_model/partner-types.yaml",
        include_str!("init_site/content/_model/partner-types.yaml"),
    ),
    (
        "content/_model/ui-strings.yaml",
        include_str!("init_site/content/_model/ui-strings.yaml"),
    ),
    (
        "content/_model/workflows.yaml",
        include_str!("init_site/content/_model/workflows.yaml"),
    ),
    (
        "content/_model/bindings.yaml",
        include_str!("init_site/content/_model/bindings.yaml"),
    ),
];

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// The folder to make the site in (made if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

pub fn run(args: &InitArgs) -> Exit {
    let clashes: Vec<PathBuf> = FILES
        .iter()
        .map(|(rel, _)| args.dir.join(rel))
        .filter(|p| p.symlink_metadata().is_ok())
        .collect();
    if !clashes.is_empty() {
        for path in &clashes {
            errln!("error: {} already exists", path.display());
        }
        errln!("diglot init never overwrites a file; nothing was written");
        return Exit::Failure;
    }
    for (rel, text) in FILES {
        let path = args.dir.join(rel);
        if let Err(e) = write_new(&path, text) {
            errln!("error: cannot write {}: {e}", path.display());
            return Exit::Failure;
        }
    }
    errln!(
        "made a bilingual site in {}: {} files (site.toml, content/en-us, content/fr-fr, content/_model)",
        args.dir.display(),
        FILES.len()
    );
    let cd = if args.dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", args.dir.display())
    };
    errln!("next: {cd}diglot serve   (preview while you edit; `diglot build` writes public/)");
    Exit::Success
}

/// Writes a file that must not exist yet (a file made meanwhile is not overwritten).
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}
