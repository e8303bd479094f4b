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

#[test]
fn thousands_of_findings_on_one_long_line_cost_memory_in_proportion() {
    // One 5 MB line holding 5,000 plain-http links: 5,000 LK006 findings on one line. Each
    // finding once carried the whole line (25 GB); a window of it is enough.
    let h = Hostile::new();
    let chunk = format!("[l](http://example.com/) {}", "word ".repeat(200));
    h.write(
        "content/en-us/links.md",
        page("Links", &chunk.repeat(5_000)),
    );
    let run = h.build();
    run.sane().reports("LK006", "en-us/links.md", Some(7));
    let found = run
        .check
        .stdout
        .lines()
        .filter(|l| l.contains("[LK006]"))
        .count();
    assert!(found >= 5_000, "{found} LK006 lines");
    for (what, ran) in [("build", &run.build), ("check", &run.check)] {
        assert!(
            ran.peak_mib < 1024,
            "{what} peaked at {} MiB for a 5 MB file",
            ran.peak_mib
        );
    }
}
