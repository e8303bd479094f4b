//! FIFOs and devices: never opened for a blocking read, never read without end.

#![cfg(unix)]

use crate::*;

fn mkfifo(path: &std::path::Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .expect("mkfifo");
}

#[test]
fn a_fifo_redirection_file_does_not_hang_the_build() {
    let h = Hostile::new();
    mkfifo(&h.path("content/.openpublishing.redirection.json"));
    h.build()
        .sane()
        .reports("IO004", ".openpublishing.redirection.json", Some(1));
}

#[test]
fn fifos_as_articles_model_files_and_images_are_reported() {
    let h = Hostile::new();
    mkfifo(&h.path("content/en-us/pipe.md"));
    mkfifo(&h.path("content/_model/pipe.yaml"));
    mkfifo(&h.path("content/en-us/images/pipe.png"));
    h.build()
        .sane()
        .reports("IO004", "en-us/pipe.md", Some(1))
        .reports("IO004", "_model/pipe.yaml", Some(1))
        .reports("IO004", "en-us/images/pipe.png", Some(1));
}

#[test]
fn a_template_linked_to_a_device_is_not_read() {
    let h = Hostile::new();
    h.symlink("templates/page.html", std::path::Path::new("/dev/zero"));
    h.build()
        .sane()
        .build_reports("IO003", "../templates/page.html", Some(1));
}
