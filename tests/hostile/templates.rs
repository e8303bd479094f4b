//! Templates that fail while pages render: the rest is published, or nothing at all.

use crate::*;

const FAILS_ON_BAD: &str = "{% extends \"base.html\" %}{% block content %}\
    {% if page.path == \"bad.md\" %}{{ page.nosuch.deeper }}{% endif %}{{ page.html | safe }}\
    {% endblock content %}";

#[test]
fn pages_a_template_fails_on_are_reported_and_the_rest_published() {
    let h = Hostile::new();
    h.write(
        "content/en-us/bad.md",
        page("Bad", "The template fails here."),
    );
    h.write("templates/page.html", FAILS_ON_BAD);
    let run = h.build();
    run.sane().build_reports("RN001", "en-us/bad.md", Some(1));
    assert_eq!(run.build.code, Some(1));
    assert!(
        run.build.stderr.contains("`nosuch`"),
        "{}",
        run.build.stderr
    );
    assert!(!run.out.join("en-us/bad/index.html").exists());
}

#[test]
fn when_every_page_fails_nothing_is_published() {
    let h = Hostile::new();
    let first = h.build();
    first.sane();
    let before = listing(&first.out);
    h.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.nosuch.deeper }}{% endblock content %}",
    );
    let failed = watched(&h.root(), &["build"]);
    assert_eq!(failed.code, Some(2), "{}", failed.stderr);
    assert!(
        failed.stderr.contains("every page failed"),
        "{}",
        failed.stderr
    );
    assert_eq!(
        failed.stderr.matches("[RN001]").count(),
        1,
        "one template error is shown once:\n{}",
        failed.stderr
    );
    assert_eq!(
        listing(&first.out),
        before,
        "the previous site is untouched"
    );
    assert!(leftovers_beside(&first.out).is_empty());
}
