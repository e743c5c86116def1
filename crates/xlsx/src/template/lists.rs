//! The drop-down lists of the template, kept on a hidden `Lists` sheet.
//!
//! An inline list of a data validation is limited to 255 characters, far
//! less than the activity keys and units need; a list on a sheet has no
//! such limit, and the validation refers to its range.

use carbonbook_core::factors::FactorLibrary;
use carbonbook_core::finance::{AssetClass, ProjectKind};
use carbonbook_core::gas::{Gas, GwpSet};
use carbonbook_core::method;
use carbonbook_core::scope::{SourceCategory, UncoveredConsumption};
use carbonbook_core::trading::Scheme;
use carbonbook_core::trading::ledger::TransactionKind;
use carbonbook_core::units::Unit;
use rust_xlsxwriter::Worksheet;

use crate::cell::column_letters;
use crate::style;
use crate::write_error::WriteError;

/// The sheet's name.
pub(super) const SHEET: &str = "Lists";

/// A drop-down list; its position in [`List::ALL`] is its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum List {
    /// Source categories.
    Source,
    /// Built-in activity keys of every methodology.
    Activity,
    /// Unit symbols.
    Unit,
    /// Gases.
    Gas,
    /// Trading schemes.
    Scheme,
    /// Methodology ids.
    Methodology,
    /// GWP sets.
    Gwp,
    /// Electricity-to-standard-coal bases.
    ElectricityBasis,
    /// Market-based treatment of uncovered electricity.
    MarketUncovered,
    /// Refrigerants: gases and blends.
    Refrigerant,
    /// Trading allocation methods.
    AllocationMethod,
    /// CN-ETS power unit classes.
    UnitClass,
    /// Transaction kinds.
    TransactionKind,
    /// EU CBAM categories.
    CbamCategory,
    /// EU CBAM data sources (actual, default).
    CbamSource,
    /// Quarters 1–4.
    Quarter,
    /// PCAF asset classes (Portfolio).
    AssetClass,
    /// PCAF data-quality scores and options (Portfolio).
    DataQuality,
    /// Green project kinds (Projects).
    ProjectKind,
    /// Scope 2 basis of a summary JSON (Portfolio).
    Scope2Basis,
}

impl List {
    const ALL: [List; 20] = [
        List::Source,
        List::Activity,
        List::Unit,
        List::Gas,
        List::Scheme,
        List::Methodology,
        List::Gwp,
        List::ElectricityBasis,
        List::MarketUncovered,
        List::Refrigerant,
        List::AllocationMethod,
        List::UnitClass,
        List::TransactionKind,
        List::CbamCategory,
        List::CbamSource,
        List::Quarter,
        List::AssetClass,
        List::DataQuality,
        List::ProjectKind,
        List::Scope2Basis,
    ];

    fn column(self) -> u16 {
        List::ALL.iter().position(|l| *l == self).unwrap_or_default() as u16
    }

    fn header(self) -> &'static str {
        match self {
            List::Source => "source",
            List::Activity => "activity",
            List::Unit => "unit",
            List::Gas => "gas",
            List::Scheme => "scheme",
            List::Methodology => "methodology",
            List::Gwp => "gwp",
            List::ElectricityBasis => "electricity_basis",
            List::MarketUncovered => "scope2_market_uncovered",
            List::Refrigerant => "refrigerant",
            List::AllocationMethod => "allocation_method",
            List::UnitClass => "unit_class",
            List::TransactionKind => "transaction_kind",
            List::CbamCategory => "cbam_category",
            List::CbamSource => "cbam_source",
            List::Quarter => "quarter",
            List::AssetClass => "asset_class",
            List::DataQuality => "data_quality",
            List::ProjectKind => "project_kind",
            List::Scope2Basis => "scope2_basis",
        }
    }

    /// Whether values outside the list are common and legitimate (custom
    /// factor keys, unit aliases such as 万千瓦时): then the drop-down only
    /// informs; otherwise it warns and lets the user keep the value (the
    /// reader accepts aliases, and reports what it cannot read).
    pub(super) fn open(self) -> bool {
        matches!(self, List::Activity | List::Unit | List::ElectricityBasis | List::Refrigerant | List::DataQuality)
    }
}

/// The activity keys of the `i`-th methodology of [`method::ALL`] in the
/// order the drop-down and the Instructions list them: its fuels sorted,
/// and for the default methodology (the first) the carriers bought after
/// them.
pub(super) fn methodology_keys(i: usize, library: &FactorLibrary) -> Vec<String> {
    let Some(m) = method::ALL.get(i) else { return Vec::new() };
    let mut keys = m.fuel_keys(library);
    keys.sort_unstable();
    if i == 0 {
        keys.extend(["electricity".to_owned(), "heat".to_owned()]);
    }
    keys
}

/// The values of every list.
pub(super) struct Lists {
    values: Vec<Vec<String>>,
}

impl Lists {
    /// Collects the values from the engine.
    pub(super) fn new() -> Lists {
        let library = FactorLibrary::builtin();
        let values = List::ALL
            .iter()
            .map(|list| match list {
                List::Source => SourceCategory::ALL.iter().map(|s| s.key().to_owned()).collect(),
                List::Activity => {
                    // By methodology, the default (GB/T 32150) first, so that
                    // `diesel` is not found after hundreds of UK keys.
                    let mut seen = std::collections::HashSet::new();
                    (0..method::ALL.len())
                        .flat_map(|i| methodology_keys(i, &library))
                        .filter(|k| seen.insert(k.clone()))
                        .collect()
                }
                List::Unit => Unit::ALL.iter().map(|u| u.symbol().to_owned()).collect(),
                List::Gas => Gas::ALL.iter().map(|g| g.symbol().to_owned()).collect(),
                List::Scheme => [Scheme::CnEts, Scheme::EuEts].iter().map(|s| s.code().to_owned()).collect(),
                List::Methodology => method::ALL.iter().map(|m| m.id().to_owned()).collect(),
                List::Gwp => GwpSet::ALL.iter().map(|g| g.code().to_owned()).collect(),
                List::ElectricityBasis => vec!["equivalent".to_owned(), "equal".to_owned()],
                List::Refrigerant => Gas::ALL
                    .iter()
                    .filter(|g| !matches!(g, Gas::Co2 | Gas::Co2e | Gas::Co2Biogenic))
                    .map(|g| g.symbol().to_owned())
                    .chain(carbonbook_core::factors::refrigerant_blends().map(str::to_owned))
                    .collect(),
                List::AllocationMethod => ["given", "benchmark", "cn-power", "cn-industry"].map(str::to_owned).into(),
                List::UnitClass => ["I", "II", "III", "IV"].map(str::to_owned).into(),
                List::TransactionKind => [
                    TransactionKind::Allocation,
                    TransactionKind::Buy,
                    TransactionKind::Sell,
                    TransactionKind::Surrender,
                    TransactionKind::OffsetSurrender,
                    TransactionKind::TransferIn,
                    TransactionKind::TransferOut,
                    TransactionKind::CarryOver,
                ]
                .map(|k| k.code().to_owned())
                .into(),
                List::CbamCategory => carbonbook_core::cbam::Category::ALL.iter().map(|c| c.key().to_owned()).collect(),
                List::CbamSource => {
                    [carbonbook_core::cbam::DataSource::Actual, carbonbook_core::cbam::DataSource::Default]
                        .map(|s| s.key().to_owned())
                        .into()
                }
                List::Quarter => (1..=4).map(|q| q.to_string()).collect(),
                List::AssetClass => AssetClass::ALL.iter().map(|c| c.code().to_owned()).collect(),
                List::DataQuality => {
                    ["1", "2", "3", "4", "5", "1a", "1b", "2a", "2b", "3a", "3b", "3c"].map(str::to_owned).into()
                }
                List::ProjectKind => ProjectKind::ALL.iter().map(|k| k.code().to_owned()).collect(),
                List::Scope2Basis => vec!["location".to_owned(), "market".to_owned()],
                List::MarketUncovered => {
                    [UncoveredConsumption::Residual, UncoveredConsumption::Location].map(|m| m.key().to_owned()).into()
                }
            })
            .collect();
        Lists { values }
    }

    /// The values of a list.
    pub(super) fn values(&self, list: List) -> &[String] {
        &self.values[usize::from(list.column())]
    }

    /// The absolute range of a list, for a data validation:
    /// `Lists!$B$2:$B$41`.
    pub(super) fn range(&self, list: List) -> String {
        let letters = column_letters(u32::from(list.column()));
        format!("{SHEET}!${letters}$2:${letters}${}", self.values(list).len().max(1) + 1)
    }

    /// Writes the (hidden) sheet.
    pub(super) fn write(&self, sheet: &mut Worksheet) -> Result<(), WriteError> {
        let header = style::header();
        for list in List::ALL {
            let c = list.column();
            sheet.set_column_width(c, 24)?;
            sheet.write_string_with_format(0, c, list.header(), &header)?;
            for (r, v) in (1..).zip(self.values(list)) {
                sheet.write_string(r, c, v.as_str())?;
            }
        }
        sheet.set_hidden(true);
        Ok(())
    }
}
