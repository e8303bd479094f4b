//! The typed workflow model, end to end: the sample site's model is clean and binds every
//! procedure; each mutation of a copy of the sample site is caught with the right code at
//! the right line; the lifecycle page and the partner-type tables render from the model.

mod common;

use std::path::Path;

use common::*;

const FR_MP: &str = "content/fr-fr/commerce/manage-partners.md";
const FR_SP: &str = "content/fr-fr/commerce/working-with-solution-providers.md";
const EN_MP: &str = "content/en-us/commerce/manage-partners.md";

/// A finding of `diglot check --format json`.
#[derive(Debug)]
struct Found {
    code: String,
    path: String,
    line: u64,
    message: String,
    help: String,
}

fn check(root: &Path) -> Vec<Found> {
    check_findings(root, &[])
        .iter()
        .map(|d| Found {
            code: d["code"].as_str().unwrap_or_default().to_string(),
            path: d["path"].as_str().unwrap_or_default().to_string(),
            line: d["line"].as_u64().unwrap_or_default(),
            message: d["message"].as_str().unwrap_or_default().to_string(),
            help: d["help"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

/// The findings at `path:line` (path under `content/`, as reported).
fn at<'f>(found: &'f [Found], path: &str, line: usize) -> Vec<&'f Found> {
    let path = path.strip_prefix("content/").unwrap_or(path);
    found
        .iter()
        .filter(|f| f.path == path && f.line == line as u64)
        .collect()
}

fn assert_code_at(found: &[Found], code: &str, path: &str, line: usize) -> String {
    let here = at(found, path, line);
    match here.iter().find(|f| f.code == code) {
        Some(f) => format!("{} {}", f.message, f.help),
        None => panic!("no {code} at {path}:{line}; found there: {here:#?}\nall: {found:#?}"),
    }
}

/// The 1-based line of the first line of `file` containing `needle`.
fn line_of(root: &Path, file: &str, needle: &str) -> usize {
    read(root.join(file))
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in {file}"))
        + 1
}

/// Replaces the one occurrence of `from` in `file` by `to`.
fn mutate(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = read(&path);
    assert_eq!(text.matches(from).count(), 1, "`{from}` once in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

fn codes(found: &[Found], prefix: &str) -> Vec<String> {
    found
        .iter()
        .filter(|f| f.code.starts_with(prefix))
        .map(|f| format!("{}:{} {} {}", f.path, f.line, f.code, f.message))
        .collect()
}

#[test]
fn sample_site_meets_the_model() {
    let root = sample_site_dir();
    let found = check(&root);
    let recommend = assert_code_at(&found, "PT003", FR_MP, 44);
    assert!(
        recommend.contains("Recommend") && recommend.contains("Conseiller"),
        "{recommend}"
    );
    let line74: Vec<_> = at(&found, FR_SP, 74)
        .into_iter()
        .filter(|f| {
            (f.code == "ST005" || f.code == "ST006") && f.message.contains("partenaire accepter")
        })
        .collect();
    assert_eq!(line74.len(), 1, "{found:#?}");
    assert_code_at(&found, "MD004", FR_MP, 86);
    assert!(codes(&found, "WF").is_empty(), "{:#?}", codes(&found, "WF"));
    // The English sources agree with the model.
    let en: Vec<_> = found
        .iter()
        .filter(|f| {
            f.path.starts_with("en-us/") && (f.code.starts_with("ST") || f.code.starts_with("PT"))
        })
        .collect();
    assert!(en.is_empty(), "{en:#?}");

    // All eight procedures are bound, in both locales.
    let config = diglot::Config::load(&root, None, None).expect("site.toml");
    let site = diglot::Site::load(config);
    let model = site.model().expect("the sample site has a model");
    for locale in ["en-us", "fr-fr"] {
        let mut bound: Vec<String> = site
            .articles()
            .iter()
            .filter(|a| a.locale().as_str() == locale)
            .flat_map(|a| diglot::check::bound::bound_procedures(a, model))
            .map(|b| format!("{}={}", b.heading.anchor, b.workflow.id.value))
            .collect();
        bound.sort();
        assert_eq!(bound.len(), 8, "{locale}: {bound:#?}");
    }
}

#[test]
fn a_removed_step_is_caught() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let list = line_of(
        root,
        FR_MP,
        "1. Accédez à <a href=\"https://www.microsoft.com/en-us/solution-providers/home\"",
    );
    mutate(
        root,
        FR_MP,
        "3. Choisissez un ou plusieurs partenaires, puis sélectionnez **contacter les fournisseurs sélectionnés**.\n",
        "",
    );
    let found = check(root);
    let model = assert_code_at(&found, "ST004", FR_MP, list);
    assert!(
        model.contains("3 steps") && model.contains("find-partner"),
        "{model}"
    );
    let source = assert_code_at(&found, "ST003", FR_MP, list);
    assert!(source.contains("en-us source has 4"), "{source}");
    assert_code_at(
        &found,
        "ST001",
        FR_MP,
        line_of(root, FR_MP, "4. Remplissez"),
    );
}

#[test]
fn swapped_steps_are_caught() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let two = "2. Entrez votre emplacement, choisissez la taille de votre organisation, ajoutez des mots clés pour le type de services dont vous avez besoin, puis sélectionnez **OK**.";
    let three = "3. Choisissez un ou plusieurs partenaires, puis sélectionnez **contacter les fournisseurs sélectionnés**.";
    mutate(
        root,
        FR_MP,
        &format!("{two}\n{three}"),
        &format!("{three}\n{two}"),
    );
    let found = check(root);
    let first = line_of(root, FR_MP, "3. Choisissez");
    let second = line_of(root, FR_MP, "2. Entrez");
    assert_code_at(&found, "ST001", FR_MP, first);
    let wrong = assert_code_at(&found, "ST006", FR_MP, first);
    assert!(
        wrong.contains("contact-selected-providers") && wrong.contains("**OK**"),
        "{wrong}"
    );
    assert_code_at(&found, "ST006", FR_MP, second);
}

#[test]
fn a_renumbered_step_is_caught() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    mutate(
        root,
        FR_MP,
        "4. Remplissez le formulaire",
        "5. Remplissez le formulaire",
    );
    let found = check(root);
    let m = assert_code_at(
        &found,
        "ST001",
        FR_MP,
        line_of(root, FR_MP, "5. Remplissez"),
    );
    assert!(m.contains("step 5 follows step 3"), "{m}");
}

#[test]
fn a_changed_bold_label_is_caught() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    mutate(
        root,
        FR_MP,
        "sélectionnez **Envoyer**.",
        "sélectionnez **Envoyez**.",
    );
    let found = check(root);
    let m = assert_code_at(&found, "ST005", FR_MP, line_of(root, FR_MP, "**Envoyez**"));
    assert!(m.contains("did you mean **Envoyer**?"), "{m}");

    // A real label, but another step's.
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    mutate(
        root,
        FR_MP,
        "sélectionnez **Envoyer**.",
        "sélectionnez **OK**.",
    );
    let found = check(root);
    let m = assert_code_at(
        &found,
        "ST006",
        FR_MP,
        line_of(root, FR_MP, "4. Remplissez"),
    );
    assert!(m.contains("`go`") && m.contains("**Envoyer**"), "{m}");
}

#[test]
fn partner_rows_removed_added_or_unknown_are_caught() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let header = line_of(root, FR_MP, "| Type de partenaire |");
    mutate(
        root,
        FR_MP,
        "| Partenaire PC OEM | Les partenaires peuvent charger des ID de périphérique pour des PC que vous [Gérez avec AutoPilot](https://docs.microsoft.com/microsoft-store/add-profile-to-devices). |\n",
        "",
    );
    // The Store for Business offers no Advisor; and no catalog has a "Partenaire cloud".
    let row = "| <span data-ttu-id=\"a60ea-131\">Partenaire métier (LOB)</span>";
    mutate(
        root,
        FR_SP,
        row,
        &format!(
            "| Conseiller | Réinitialise les mots de passe. |\n| Partenaire cloud | Héberge vos applications. |\n{row}"
        ),
    );
    let found = check(root);
    let missing: Vec<_> = at(&found, FR_MP, header)
        .into_iter()
        .filter(|f| f.code == "PT002")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert!(
        missing[0].message.contains("Partenaire PC OEM"),
        "{missing:#?}"
    );
    // Removing a row does not stop `Recommend` being recognized as the Advisor row.
    let recommend = assert_code_at(
        &found,
        "PT003",
        FR_MP,
        line_of(root, FR_MP, "| Recommend |"),
    );
    assert!(recommend.contains("Conseiller"), "{recommend}");
    let advisor = assert_code_at(
        &found,
        "PT001",
        FR_SP,
        line_of(root, FR_SP, "| Conseiller |"),
    );
    assert!(
        advisor.contains("not offered on Microsoft Store pour les entreprises"),
        "{advisor}"
    );
    let unknown = assert_code_at(
        &found,
        "PT001",
        FR_SP,
        line_of(root, FR_SP, "| Partenaire cloud |"),
    );
    assert!(unknown.contains("no partner type"), "{unknown}");
}

#[test]
fn an_unknown_field_is_reported_and_the_rest_of_the_model_still_checks() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    mutate(
        root,
        "content/_model/workflows.yaml",
        "  - id: find-solution-provider\n",
        "  - id: find-solution-provider\n    colour: blue\n",
    );
    let found = check(root);
    let wf = "content/_model/workflows.yaml";
    let invalid = assert_code_at(&found, "WF001", wf, line_of(root, wf, "colour: blue"));
    assert!(invalid.contains("colour"), "{invalid}");
    // The file is skipped; the partner types, in another file, still check the tables, and
    // the bindings to the skipped workflows are not reported as dangling.
    assert!(found.iter().any(|f| f.code == "PT003"), "{found:#?}");
    assert!(
        !found.iter().any(|f| f.code == "WF002"),
        "{:#?}",
        codes(&found, "WF")
    );
}

#[test]
fn dangling_ids_missing_anchors_and_unreachable_states_are_reported() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let wf = "content/_model/workflows.yaml";
    let bindings = "content/_model/bindings.yaml";
    mutate(
        root,
        wf,
        "ui: [remove-delegated-permissions]",
        "ui: [remove-delegated-permission]",
    );
    mutate(
        root,
        bindings,
        "{anchor: delete-a-partner-relationship,",
        "{anchor: delete-partner-relationship,",
    );
    mutate(
        root,
        wf,
        "  - id: ended\n",
        "  - id: suspended\n    labels: {en-us: Suspended, fr-fr: Suspendue}\n  - id: ended\n",
    );
    let found = check(root);
    let dangling = assert_code_at(
        &found,
        "WF002",
        wf,
        line_of(root, wf, "remove-delegated-permission]"),
    );
    assert!(
        dangling.contains("did you mean `remove-delegated-permissions`?"),
        "{dangling}"
    );
    let binding = assert_code_at(
        &found,
        "WF004",
        bindings,
        line_of(root, bindings, "delete-partner-relationship"),
    );
    assert!(
        binding.contains("did you mean `delete-a-partner-relationship`?"),
        "{binding}"
    );
    let unreachable = assert_code_at(&found, "WF003", wf, line_of(root, wf, "id: suspended"));
    assert!(unreachable.contains("unreachable"), "{unreachable}");
    // The procedure the broken binding no longer covers is reported as unbound.
    for file in [FR_MP, EN_MP] {
        let list = line_of(root, file, "<a name=\"delete-a-partner-relationship\">") + 4;
        assert_code_at(&found, "WF005", file, list);
    }
}

#[test]
fn illegal_transitions_contradict_type_restrictions() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let wf = "content/_model/workflows.yaml";
    // An Advisor has no delegated admin privileges, so cannot end up with them.
    mutate(
        root,
        wf,
        "    types: [delegated-admin, advisor]\n",
        "    types: [advisor]\n",
    );
    mutate(
        root,
        wf,
        "      - {from: active-delegated-admin, to: ended}\n    steps:\n      - action: navigate\n        ui: [billing]\n        outcome: The Billing accounts page opens.\n      - action: select\n        ui: [billing-accounts, partner-relationships]\n        outcome: The partners are listed.\n      - action: select\n        outcome: The partner details page opens.",
        "      - {from: active, to: active-delegated-admin}\n    steps:\n      - action: navigate\n        ui: [billing]\n        outcome: The Billing accounts page opens.\n      - action: select\n        ui: [billing-accounts, partner-relationships]\n        outcome: The partners are listed.\n      - action: select\n        outcome: The partner details page opens.",
    );
    let found = check(root);
    let illegal = assert_code_at(
        &found,
        "WF003",
        wf,
        line_of(root, wf, "{from: active, to: active-delegated-admin}"),
    );
    assert!(
        illegal.contains("delegated-admin") && illegal.contains("advisor"),
        "{illegal}"
    );
}

#[test]
fn an_english_procedure_with_another_step_count_is_caught() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    mutate(
        root,
        EN_MP,
        "4. Complete the form to describe your business needs, and then select **Submit**.\n",
        "4. Complete the form to describe your business needs, and then select **Submit**.\n5. Wait for the partner to contact you.\n",
    );
    let found = check(root);
    let fr_list = line_of(
        root,
        FR_MP,
        "1. Accédez à <a href=\"https://www.microsoft.com/en-us/solution-providers/home\"",
    );
    let source = assert_code_at(&found, "ST003", FR_MP, fr_list);
    assert!(
        source.contains("4 steps") && source.contains("has 5"),
        "{source}"
    );
    let en_list = line_of(
        root,
        EN_MP,
        "1. Go to <a href=\"https://www.microsoft.com/solution-providers/home\"",
    );
    assert_code_at(&found, "ST004", EN_MP, en_list);
}

#[test]
fn lifecycle_page_draws_every_state_in_both_locales() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let states = [
        ("none", "No relationship", "Aucune relation"),
        ("contacted", "Partner contacted", "Partenaire contacté"),
        ("invited", "Invited", "Invitation reçue"),
        (
            "invited-delegated-admin",
            "Invited with delegated admin",
            "Invitation avec administration déléguée",
        ),
        ("active", "Active", "Active"),
        (
            "active-delegated-admin",
            "Active with delegated admin",
            "Active avec administration déléguée",
        ),
        ("ended", "Ended", "Terminée"),
    ];
    for (locale, column) in [("en-us", 1), ("fr-fr", 2)] {
        let html = read(root.join(format!("public/{locale}/lifecycle/index.html")));
        let doc = parse(&html);
        let svg = select(&doc, "svg.lifecycle");
        assert_eq!(svg.len(), 1, "{locale}: one inline SVG");
        for (id, en, fr) in states {
            let label = if column == 1 { en } else { fr };
            let g = select(&doc, &format!("svg.lifecycle g[data-state=\"{id}\"]"));
            assert_eq!(g.len(), 1, "{locale}: state {id}");
            let text: String = g[0].text().collect::<Vec<_>>().join(" ");
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(text, label, "{locale}: state {id}");
        }
        // Every workflow's transitions are drawn, and each has its legend entry.
        let transitions = attrs(&doc, "svg.lifecycle path.transition", "data-workflow");
        for wf in [
            "find-partner",
            "accept-relationship",
            "accept-agreement",
            "remove-admin-roles",
            "delete-partner",
            "find-solution-provider",
            "accept-invitation",
            "remove-delegated-permissions",
        ] {
            assert!(transitions.iter().any(|t| t == wf), "{locale}: {wf} drawn");
            assert_eq!(
                select(&doc, &format!("li#wf-{wf}")).len(),
                1,
                "{locale}: {wf} in the legend"
            );
        }
        // Badges link to the procedures that document them.
        let hrefs = attrs(&doc, "svg.lifecycle a.workflow-badge", "href");
        assert!(
            hrefs
                .iter()
                .any(|h| h == "../commerce/manage-partners/#delete-a-partner-relationship"),
            "{hrefs:?}"
        );
        assert!(
            root.join(format!(
                "public/{locale}/commerce/manage-partners/index.html"
            ))
            .exists()
        );
    }
    // Each bound procedure links to its workflow on the lifecycle page.
    let page = parse(&read(root.join(
        "public/fr-fr/commerce/working-with-solution-providers/index.html",
    )));
    let links = attrs(&page, ".view-main p.workflow-link a", "href");
    assert_eq!(
        links,
        [
            "../../lifecycle/#wf-find-solution-provider",
            "../../lifecycle/#wf-accept-invitation",
            "../../lifecycle/#wf-remove-delegated-permissions"
        ]
    );
}

#[test]
fn partner_tables_render_from_the_model() {
    let site = copy_site(&sample_site_dir());
    let root = site.path();
    // The directive, in a French article…
    mutate(
        root,
        FR_SP,
        "## <a name=\"find-a-solution-provider\"></a>",
        ":::partner-types portal=\"store-for-business\":::\n\n## <a name=\"find-a-solution-provider\"></a>",
    );
    // …and the Tera function, in a template.
    std::fs::create_dir_all(root.join("templates")).expect("mkdir");
    std::fs::write(
        root.join("templates/home.html"),
        "{% extends \"base.html\" %}{% block content %}<ul class=\"catalog\">{% for t in partner_types(portal=\"admin-center\", locale=locale.code) %}<li data-id=\"{{ t.id }}\">{{ t.label }}</li>{% endfor %}</ul>{% endblock content %}",
    )
    .expect("write template");
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));

    let page = parse(&read(root.join(
        "public/fr-fr/commerce/working-with-solution-providers/index.html",
    )));
    let rows: Vec<String> = select(
        &page,
        ".view-main table.partner-types tbody tr td:first-child",
    )
    .iter()
    .map(|td| td.text().collect())
    .collect();
    assert_eq!(
        rows.len(),
        7,
        "the Store for Business offers seven types: {rows:?}"
    );
    assert!(rows.contains(&"Revendeur".to_string()), "{rows:?}");
    assert!(!rows.contains(&"Conseiller".to_string()), "{rows:?}");
    let headers: Vec<String> = select(&page, ".view-main table.partner-types th")
        .iter()
        .map(|th| th.text().collect())
        .collect();
    assert_eq!(headers, ["Type de partenaire", "Description"]);

    let fr_home = parse(&read(root.join("public/fr-fr/index.html")));
    let labels: Vec<String> = select(&fr_home, "ul.catalog li")
        .iter()
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(labels.len(), 8, "{labels:?}");
    assert!(labels.contains(&"Conseiller".to_string()), "{labels:?}");
    let en_home = parse(&read(root.join("public/en-us/index.html")));
    let labels: Vec<String> = select(&en_home, "ul.catalog li")
        .iter()
        .map(|li| li.text().collect())
        .collect();
    assert!(labels.contains(&"Advisor".to_string()), "{labels:?}");

    // A directive naming no portal of the model is reported where it is written.
    mutate(
        root,
        FR_SP,
        "portal=\"store-for-business\"",
        "portal=\"store-for-busines\"",
    );
    let found = check(root);
    let m = assert_code_at(
        &found,
        "WF002",
        FR_SP,
        line_of(root, FR_SP, ":::partner-types"),
    );
    assert!(m.contains("did you mean `store-for-business`?"), "{m}");
}
