//! Which recipe a kind of activity gets.

use super::*;

/// Custom factors first, then the methodology's own set keys, then built-in
/// purchased energy, then the methodology's fuels.
pub(super) fn resolve(method: &dyn Methodology, request: &RecipeRequest<'_>) -> Result<Recipe, CalcErrorKind> {
    if let Some(r) = method::custom::recipe(request)? {
        return Ok(r);
    }
    // The standards' own names (天然气, 烟煤, 电力) for the built-in keys; a
    // custom factor of that name, above, comes first.
    let aliased;
    let request = match crate::factors::activity_key(request.activity) {
        Some(key) if key != request.activity => {
            aliased = RecipeRequest { activity: key, ..*request };
            &aliased
        }
        _ => request,
    };
    if let Some(r) = method::refrigerant::recipe(request)? {
        return Ok(r);
    }
    if let Some(r) = method.set_recipe(request)? {
        return Ok(r);
    }
    if let Some(r) = method::purchased::recipe(request)? {
        return Ok(r);
    }
    match request.source {
        SourceCategory::Process | SourceCategory::Fugitive => Err(CalcErrorKind::Missing {
            what: format!(
                "no built-in {} factor for \"{}\": add it to the Factors sheet and use its factor_key as the activity",
                request.source.key(),
                request.activity
            ),
        }),
        SourceCategory::PurchasedElectricity
        | SourceCategory::PurchasedHeat
        | SourceCategory::ExportedElectricity
        | SourceCategory::ExportedHeat => Err(CalcErrorKind::SourceDoesNotFit {
            key: request.activity.to_owned(),
            source_category: request.source.key(),
            hint: format!(
                "; {} energy is activity \"{}\" or a Factors-sheet key",
                if request.source.is_export() { "exported" } else { "purchased" },
                if matches!(request.source, SourceCategory::PurchasedElectricity | SourceCategory::ExportedElectricity)
                {
                    "electricity"
                } else {
                    "heat"
                }
            ),
        }),
        _ => method.fuel_recipe(request),
    }
}
