//! Tables whose first column lists partner types, matched against the catalog of the portal
//! the article documents. PT001–PT003 report from this one matching.

use super::labels::{normalize, same};
use super::{Model, PartnerType, PortalId};
use crate::config::Locale;
use crate::markdown::{Article, Cell, Table};
use crate::suggest::closest;

/// How one row's type cell compares with the catalog.
#[derive(Debug)]
pub enum RowMatch<'a> {
    /// The locale's label of a type the portal offers.
    Ok(&'a PartnerType),
    /// A type the portal does not offer (PT001).
    NotOnPortal {
        cell: &'a Cell,
        partner_type: &'a PartnerType,
    },
    /// Names no type (PT001); `suggestion` is the closest label of the locale.
    Unknown {
        cell: &'a Cell,
        suggestion: Option<String>,
    },
    /// The row is this type, but its text is not the locale's label (PT003). `clue` says
    /// how we know which type it is.
    WrongLabel {
        cell: &'a Cell,
        partner_type: &'a PartnerType,
        expected: String,
        clue: String,
    },
}

/// One partner table of an article.
#[derive(Debug)]
pub struct PartnerTable<'a> {
    pub table: &'a Table,
    pub rows: Vec<RowMatch<'a>>,
    /// Types of the portal no row names (PT002).
    pub missing: Vec<&'a PartnerType>,
}

/// Whether a table's first column lists partner types: at least two of its cells, and at
/// least half, are a type's label in some locale.
pub fn is_partner_table(model: &Model, table: &Table) -> bool {
    let cells: Vec<&str> = first_column(table).map(|c| c.text.as_str()).collect();
    let hits = cells
        .iter()
        .filter(|c| any_label(model, c).is_some())
        .count();
    hits >= 2 && hits * 2 >= cells.len()
}

fn first_column(table: &Table) -> impl Iterator<Item = &Cell> {
    table.rows.iter().filter_map(|r| r.cells.first())
}

/// The type any of whose labels (in any locale) is `text`.
fn any_label<'m>(model: &'m Model, text: &str) -> Option<(&'m PartnerType, &'m str)> {
    let wanted = normalize(text);
    model.partner_types.iter().find_map(|t| {
        t.labels
            .value
            .0
            .iter()
            .find(|(_, l)| normalize(l) == wanted)
            .map(|(code, _)| (t, code.as_str()))
    })
}

/// The partner tables of `article`, matched against the types `portal` offers. `source` is
/// the source locale's article, whose tables tell which type a mistranslated row is.
pub fn partner_tables<'a>(
    model: &'a Model,
    article: &'a Article,
    source: Option<&'a Article>,
    portal: &'a PortalId,
) -> Vec<PartnerTable<'a>> {
    let source_tables: Vec<&Table> = source
        .map(|s| {
            s.tables
                .iter()
                .filter(|t| is_partner_table(model, t))
                .collect()
        })
        .unwrap_or_default();
    article
        .tables
        .iter()
        .filter(|t| is_partner_table(model, t))
        .enumerate()
        .map(|(k, table)| {
            let source_table = source_tables.get(k);
            match_table(
                model,
                article.locale(),
                table,
                source_table.copied(),
                portal,
            )
        })
        .collect()
}

fn match_table<'a>(
    model: &'a Model,
    locale: &Locale,
    table: &'a Table,
    source: Option<&'a Table>,
    portal: &'a PortalId,
) -> PartnerTable<'a> {
    let own_label = |t: &PartnerType| t.labels.value.get(locale).unwrap_or_default().to_string();
    let mut named: Vec<&PartnerType> = Vec::new();
    let mut rows = Vec::new();
    // First the rows whose text is a label; then the others, which may be identified by
    // the source row at the same place if that type is not named elsewhere.
    let mut pending = Vec::new();
    for cell in table.rows.iter().filter_map(|r| r.cells.first()) {
        let row = match any_label(model, &cell.text) {
            Some((t, code)) if code == locale.as_str() || same(&cell.text, &own_label(t)) => {
                if t.offered_on(portal) {
                    RowMatch::Ok(t)
                } else {
                    RowMatch::NotOnPortal {
                        cell,
                        partner_type: t,
                    }
                }
            }
            Some((t, code)) => RowMatch::WrongLabel {
                cell,
                partner_type: t,
                expected: own_label(t),
                clue: format!("`{}` is its {code} label", cell.text),
            },
            None => {
                pending.push(rows.len());
                RowMatch::Unknown {
                    cell,
                    suggestion: None,
                }
            }
        };
        if let RowMatch::Ok(t)
        | RowMatch::WrongLabel {
            partner_type: t, ..
        } = &row
        {
            named.push(t);
        }
        rows.push(row);
    }
    for i in pending {
        let RowMatch::Unknown { cell, .. } = rows[i] else {
            continue;
        };
        let from_source = source
            .and_then(|s| identify_from_source(model, &rows, i, s))
            .filter(|(t, _)| t.offered_on(portal) && !named.iter().any(|n| n.id == t.id));
        rows[i] = match from_source {
            Some((t, source_cell)) => {
                named.push(t);
                RowMatch::WrongLabel {
                    cell,
                    partner_type: t,
                    expected: own_label(t),
                    clue: format!("in the source table, this row is `{}`", source_cell.text),
                }
            }
            None => {
                let labels: Vec<String> = model.types_on(portal).map(own_label).collect();
                RowMatch::Unknown {
                    cell,
                    suggestion: closest(&cell.text, labels.iter().map(String::as_str))
                        .map(str::to_string),
                }
            }
        };
    }
    let missing = model
        .types_on(portal)
        .filter(|t| !named.iter().any(|n| n.id == t.id))
        .collect();
    PartnerTable {
        table,
        rows,
        missing,
    }
}

/// The type of the unknown row `i`, read from the source table: the source row between
/// the source rows of its known neighbours, when exactly one row lies there (so a row
/// removed or added elsewhere does not shift the pairing); else, in tables of the same
/// length, the source row at the same place.
fn identify_from_source<'a>(
    model: &'a Model,
    rows: &[RowMatch<'a>],
    i: usize,
    source: &'a Table,
) -> Option<(&'a PartnerType, &'a Cell)> {
    let source_cells: Vec<&Cell> = first_column(source).collect();
    let source_types: Vec<Option<&PartnerType>> = source_cells
        .iter()
        .map(|c| any_label(model, &c.text).map(|(t, _)| t))
        .collect();
    let known = |r: &RowMatch<'a>| match r {
        RowMatch::Ok(t)
        | RowMatch::WrongLabel {
            partner_type: t, ..
        } => Some(*t),
        RowMatch::NotOnPortal { partner_type, .. } => Some(*partner_type),
        RowMatch::Unknown { .. } => None,
    };
    let position = |t: &PartnerType| {
        source_types
            .iter()
            .position(|s| s.is_some_and(|s| s.id == t.id))
    };
    let before = match i.checked_sub(1) {
        None => Some(None),
        Some(p) => known(&rows[p])
            .map(|t| position(t).map(Some))
            .unwrap_or(None),
    };
    let after = match rows.get(i + 1) {
        None => Some(source_cells.len()),
        Some(r) => known(r).and_then(position),
    };
    let candidate = match (before, after) {
        (Some(b), Some(a)) => {
            let first = b.map_or(0, |b| b + 1);
            (a == first + 1).then_some(first)
        }
        _ => None,
    }
    .or_else(|| (source_cells.len() == rows.len()).then_some(i))?;
    let cell = source_cells.get(candidate)?;
    source_types
        .get(candidate)
        .copied()
        .flatten()
        .map(|t| (t, *cell))
}
