//! Large inputs: refused over the limit, built with memory in proportion below it.

use crate::*;

#[test]
fn a_text_file_over_the_limit_is_not_read() {
    let h = Hostile::new();
    let file = std::fs::File::create(h.path("content/en-us/huge.md")).expect("create");
    file.set_len(33 * 1024 * 1024).expect("sparse 33 MB");
    h.build().sane().reports("IO005", "en-us/huge.md", Some(1));
}

#[test]
fn a_4_mb_table_and_a_5_mb_line_build() {
    let h = Hostile::new();
    let row = "| cell one | cell two | cell three |\n";
    let table = format!(
        "| a | b | c |\n|---|---|---|\n{}",
        row.repeat(4 * 1024 * 1024 / row.len())
    );
    h.write("content/en-us/table.md", page("Table", &table));
    h.write(
        "content/en-us/line.md",
        page("Line", &"word ".repeat(1024 * 1024)),
    );
    let run = h.build();
    run.sane();
    assert!(run.out.join("en-us/table/index.html").is_file());
    assert!(run.out.join("en-us/line/index.html").is_file());
}
