//! The Facilities sheet, and references to its ids from the other sheets.

use std::collections::HashMap;

use carbonbook_core::inventory::Facility;

use super::report::Report;
use super::row::Row;
use super::schema::fac;

/// The facility ids defined so far, with their rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct FacilityIds {
    rows: HashMap<String, u32>,
    /// Messages for unknown ids already seen (the suggestion search is
    /// done once per id).
    unknown: HashMap<String, String>,
}

impl FacilityIds {
    /// Whether `id` is defined.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.rows.contains_key(id)
    }

    /// The message for a reference to an id that is not defined.
    pub(crate) fn unknown(&mut self, id: &str) -> String {
        if let Some(m) = self.unknown.get(id) {
            return m.clone();
        }
        let near = nearest(id, self.rows.keys().map(String::as_str));
        let message = if near.is_empty() {
            format!("facility \"{id}\" is not in Facilities")
        } else {
            let list: Vec<String> = near.iter().map(|n| format!("\"{n}\"")).collect();
            format!("facility \"{id}\" is not in Facilities; did you mean {}?", list.join(" or "))
        };
        if self.unknown.len() < 10_000 {
            self.unknown.insert(id.to_owned(), message.clone());
        }
        message
    }

    /// Checks the facility_id cell of a row against the known ids.
    pub(crate) fn check(&mut self, row: &mut Row<'_, '_, '_>, report: &mut Report<'_>, f: usize, id: &str) {
        if !self.contains(id) {
            let m = self.unknown(id);
            row.fail(report, f, m);
        }
    }
}

/// The known names closest to `found` (edit distance), best first, at most three.
fn nearest<'a>(found: &str, known: impl Iterator<Item = &'a str>) -> Vec<String> {
    let f = found.trim().to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .map(|k| (strsim::normalized_damerau_levenshtein(&f, &k.to_lowercase()), k))
        .filter(|(s, _)| *s >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, k)| k.to_owned()).collect()
}

/// Reads one Facilities row. The id is recorded even when another cell of
/// the row is wrong, so that references to it do not fail as well.
pub(crate) fn read_row(row: &mut Row<'_, '_, '_>, report: &mut Report<'_>, ids: &mut FacilityIds) -> Option<Facility> {
    let id = row.text(report, fac::FACILITY_ID);
    if let Some(id) = &id {
        if let Some(first) = ids.rows.get(id) {
            let first = row.cell(fac::FACILITY_ID).with_row(*first);
            row.fail(report, fac::FACILITY_ID, format!("facility_id \"{id}\" is defined twice (first at {first})"));
        } else {
            ids.rows.insert(id.clone(), row.number);
        }
    }
    let name = row.text(report, fac::NAME);
    let country = match row.text(report, fac::COUNTRY) {
        Some(c) if c.len() == 2 && c.chars().all(|c| c.is_ascii_alphabetic()) => Some(c.to_ascii_uppercase()),
        Some(c) => {
            row.fail(
                report,
                fac::COUNTRY,
                format!("country must be a two-letter ISO 3166 code such as CN, found \"{c}\""),
            );
            None
        }
        None => None,
    };
    let grid_region = row.text(report, fac::GRID_REGION);
    let sector = row.text(report, fac::SECTOR);
    if row.failed {
        return None;
    }
    let mut f = Facility::new(id?);
    f.row = Some(row.number);
    f.name = name.unwrap_or_default();
    if let Some(c) = country {
        f.country = c;
    }
    f.grid_region = grid_region;
    f.sector = sector;
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let mut ids = FacilityIds::default();
        ids.rows.insert("KILN-1".into(), 2);
        ids.rows.insert("KILN-2".into(), 3);
        ids.rows.insert("BOILER".into(), 4);
        assert_eq!(
            ids.unknown("KILN1"),
            "facility \"KILN1\" is not in Facilities; did you mean \"KILN-1\" or \"KILN-2\"?"
        );
        assert_eq!(ids.unknown("zzz"), "facility \"zzz\" is not in Facilities");
    }
}
