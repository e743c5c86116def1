//! `carbonbook factors [TERM]`: the built-in factor library.

use carbonbook_core::factors::FactorLibrary;

use crate::Failure;
use carbonbook_report::summary_json::dec;

/// Lists the built-in factors matching `term`.
///
/// # Errors
///
/// When standard output cannot be written.
pub fn run(term: &str, json: bool) -> Result<(), Failure> {
    let lib = FactorLibrary::builtin();
    let found: Vec<_> = lib.search(term).collect();
    if json {
        let rows: Vec<serde_json::Value> = found
            .iter()
            .map(|f| {
                serde_json::json!({
                    "id": f.id,
                    "activity": f.activity,
                    "name": f.name,
                    "parameter": f.parameter.to_string(),
                    "value": dec(f.value),
                    "unit": f.unit_text,
                    "document": f.source.document,
                    "edition": f.source.edition,
                    "table": f.source.table,
                    "published": f.source.published,
                    "confirmation": f.source.confirmation.grade(),
                    "period": f.validity.to_string(),
                    "region": f.region,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure::input(e.to_string()))?;
        return crate::stdout::write("the factors", |out| writeln!(out, "{text}"));
    }
    if found.is_empty() {
        return Err(Failure::input(format!("no built-in factor matches \"{term}\"")));
    }
    let width = found.iter().map(|f| f.id.chars().count()).max().unwrap_or(0);
    crate::stdout::write("the factors", |out| {
        for f in &found {
            writeln!(
                out,
                "{:<width$}  {:>12} {:<16} {:<10} [{}] {}",
                f.id,
                dec(f.value),
                f.unit_text,
                f.validity.to_string(),
                f.source.confirmation.grade(),
                f.source.citation()
            )?;
        }
        Ok(())
    })?;
    eprintln!(
        "{} factor(s). Confirmation grades: A = read from the published document, B = quoted by a secondary source citing it, C = independent transcriptions agree.",
        found.len()
    );
    Ok(())
}
