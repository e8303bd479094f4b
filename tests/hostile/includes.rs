//! Includes that multiply or loop: bounded, reported, and the page still built.

use crate::*;

const INCLUDE_PAGE: &str = "content/en-us/big.md";

fn page_including(target: &str) -> String {
    page("Big", &format!("[!INCLUDE [x]({target})]"))
}

#[test]
fn a_file_that_includes_itself_eight_times_is_a_cycle_not_8_to_the_8_copies() {
    let h = Hostile::new();
    h.write(
        "content/en-us/includes/self.md",
        "Self.\n\n".to_string() + &"[!INCLUDE [me](self.md)]\n\n".repeat(8),
    );
    h.write(INCLUDE_PAGE, page_including("includes/self.md"));
    let run = h.build();
    run.sane()
        .reports("MD006", "en-us/includes/self.md", Some(3));
    let size = std::fs::metadata(run.out.join("en-us/big/index.html"))
        .expect("page")
        .len();
    assert!(size < 200_000, "the page is {size} bytes");
}

#[test]
fn an_eight_by_eight_fan_out_is_bounded_per_page() {
    let h = Hostile::new();
    for i in 0..8 {
        h.write(
            &format!("content/en-us/includes/x{i}.md"),
            format!("Level {i}.\n\n") + &format!("[!INCLUDE [x](x{}.md)]\n\n", i + 1).repeat(8),
        );
    }
    h.write("content/en-us/includes/x8.md", "The end.\n");
    h.write(INCLUDE_PAGE, page_including("includes/x0.md"));
    let run = h.build();
    run.sane().reports("MD007", "en-us/big.md", Some(7));
    let html = read(run.out.join("en-us/big/index.html"));
    let copies = html.matches("class=\"include\"").count();
    assert!(copies <= 1000, "{copies} copies");
    assert!(html.contains("include left out"), "the reader is told");
}
