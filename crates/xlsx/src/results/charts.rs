//! Charts on the Summary sheet, drawn by Excel from cell ranges of the
//! book: emissions by scope, emissions by facility, energy by activity.

use rust_xlsxwriter::{Chart, ChartAxisCrossing, ChartDataLabel, ChartLegendPosition, ChartType, RowNum, Worksheet};

use super::{facilities, summary};
use crate::write_error::WriteError;

/// Column of the Summary sheet where the charts start (right of the figures).
const COLUMN: u16 = 7;
/// Rows between the tops of two charts (a chart is 288 px, 15 rows).
const STEP: RowNum = 17;

/// Where the data of each chart are.
pub(super) struct Data {
    /// Rows of Scope 1 and Scope 2 (location-based) on the Summary sheet.
    pub(super) scopes: (RowNum, RowNum),
    /// Rows of the facility table on the Facilities sheet.
    pub(super) facilities: Option<(RowNum, RowNum)>,
    /// Rows of the energy-by-activity block on the Summary sheet.
    pub(super) energy: Option<(RowNum, RowNum)>,
}

/// Inserts the charts into the Summary sheet.
pub(super) fn insert(sheet: &mut Worksheet, data: &Data) -> Result<(), WriteError> {
    let mut top: RowNum = 1;

    let (first, last) = data.scopes;
    let mut chart = Chart::new(ChartType::Pie);
    chart.title().set_name("Emissions by scope (t CO2e, Scope 2 location-based)");
    let mut label = ChartDataLabel::new();
    label.show_value().show_percentage();
    chart
        .add_series()
        .set_name("t CO2e")
        .set_categories((summary::SHEET, first, 0, last, 0))
        .set_values((summary::SHEET, first, 1, last, 1))
        .set_data_label(&label);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    sheet.insert_chart(top, COLUMN, &chart)?;
    top += STEP;

    if let Some((first, last)) = data.facilities {
        let mut chart = Chart::new(ChartType::ColumnStacked);
        chart.title().set_name("Emissions by facility (t CO2e)");
        for col in [facilities::SCOPE1, facilities::SCOPE2] {
            chart
                .add_series()
                .set_name((facilities::SHEET, 0, col))
                .set_categories((facilities::SHEET, first, facilities::ID, last, facilities::ID))
                .set_values((facilities::SHEET, first, col, last, col));
        }
        chart.y_axis().set_name("t CO2e");
        chart.legend().set_position(ChartLegendPosition::Bottom);
        sheet.insert_chart(top, COLUMN, &chart)?;
        top += STEP;
    }

    if let Some((first, last)) = data.energy {
        let mut chart = Chart::new(ChartType::Bar);
        chart.title().set_name("Energy by activity (tce)");
        chart.add_series().set_name("tce").set_categories((summary::SHEET, first, 0, last, 0)).set_values((
            summary::SHEET,
            first,
            1,
            last,
            1,
        ));
        chart.legend().set_hidden();
        // Categories top-down in key order, the value axis below them.
        chart.y_axis().set_reverse().set_crossing(ChartAxisCrossing::Max);
        sheet.insert_chart(top, COLUMN, &chart)?;
    }
    Ok(())
}
