//! Finishing a calculation: the cells settled into summaries, the base-year
//! inventory, intensities, trading accounts and the warnings that need every
//! line.

use super::*;
use crate::field::Field;

impl<'a> Calculator<'a> {
    /// Adds the allowance accounts' transactions (the Transactions sheet),
    /// applied when the calculation finishes, after the trading positions
    /// they are checked against.
    pub fn add_transactions(&mut self, transactions: &[crate::trading::ledger::Transaction]) {
        self.transactions.extend_from_slice(transactions);
    }

    /// Completes the calculation: summaries, intensities, trading positions.
    /// `ledger` is whatever lines the caller kept (may be empty when
    /// streaming); it is returned in the results as it is.
    ///
    /// # Errors
    ///
    /// Every problem of the production and trading rows.
    pub fn finish(
        mut self,
        ledger: Vec<LedgerLine>,
        production: &[Production],
        trading: &[TradingLine],
    ) -> Result<Results, CalcErrors> {
        let mut errors = Vec::new();
        let overflow = |sheet, e: arithmetic::ArithmeticError| {
            CalcErrors(vec![CalcError::new(sheet, None, Field::Quantity, CalcErrorKind::Arithmetic(e))])
        };
        let unsettled =
            |e: CalcErrorKind| CalcErrors(vec![CalcError::new(InputSheet::Activities, None, Field::Quantity, e)]);
        // One warning per facility and activity key, in facility order.
        let mut fallbacks: Vec<((usize, String), Fallbacks)> = Vec::new();
        for s in &self.slots {
            if s.fallbacks.0 == 0 {
                continue;
            }
            let k = (s.key.facility, s.activity.clone());
            match fallbacks.iter_mut().find(|(x, _)| *x == k) {
                Some((_, v)) => {
                    v.0 += s.fallbacks.0;
                    v.1 = match (v.1, s.fallbacks.1) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                None => fallbacks.push((k, s.fallbacks)),
            }
        }
        fallbacks.sort_by(|a, b| a.0.cmp(&b.0));
        for ((f, key), (n, first_row)) in fallbacks {
            self.warnings.push(Warning { message_zh: Some(format!(
                    "设施 {} 的 {n} 行“{key}”未给出合同排放因子（contractual_factor）：其基于市场的范围二排放采用基于位置的数值",
                    self.facilities[f].id
                )), field: Some(crate::field::Field::ContractualFactor),
                sheet: InputSheet::Activities,
                row: first_row,
                message: format!(
                    "{n} row(s) of \"{key}\" at facility {} have no contractual_factor: market-based Scope 2 uses the location-based figure for them",
                    self.facilities[f].id
                ),
            });
        }
        // Never a silent zero in energy_tce: one warning per kind of fuel row.
        for s in &self.slots {
            let (n, first_row) = s.uncounted;
            if n == 0 {
                continue;
            }
            self.warnings.push(Warning { message_zh: Some(format!(
                    "设施 {} 的 {n} 行“{}”（{}，{} 年）：在 {} 方法下无低位发热量或折标准煤系数，其能耗不计入综合能耗（energy_tce）；请在行中给出 ncv 和 ncv_unit、以能量单位填写数量，或在“排放因子”表中给出 tce_per_unit",
                    self.facilities[s.key.facility].id,
                    s.activity,
                    s.key.unit,
                    s.key.year,
                    self.method.id()
                )), field: None,
                sheet: InputSheet::Activities,
                row: first_row,
                message: format!(
                    "{n} row(s) of \"{}\" in {} at facility {} ({}): no calorific value or standard-coal coefficient is known for it under {}, so their energy is not counted in energy_tce; give ncv and ncv_unit on the rows, the quantity in an energy unit, or a Factors row with tce_per_unit",
                    s.activity,
                    s.key.unit,
                    self.facilities[s.key.facility].id,
                    s.key.year,
                    self.method.id()
                ),
            });
        }
        let facility_ids: Vec<String> = self.facilities.iter().map(|f| f.id.clone()).collect();
        let base = self.base_year().filter(|y| *y != self.organisation.reporting_year);
        let mut base_accumulator = Accumulator::default();
        for s in &self.slots {
            let into = if Some(s.key.year) == base { &mut base_accumulator } else { &mut self.accumulator };
            for (period, cell) in &s.cells {
                let settled = s.settle(cell).map_err(unsettled)?;
                into.add_cell((s.key.facility, *period, s.key.source), &settled)
                    .map_err(|e| overflow(InputSheet::Activities, e))?;
            }
        }
        let summary = self.accumulator.summary(&facility_ids).map_err(|e| overflow(InputSheet::Activities, e))?;
        let base_year = match base {
            Some(year) if self.base_rows > 0 => {
                let totals =
                    base_accumulator.summary(&facility_ids).map_err(|e| overflow(InputSheet::Activities, e))?.totals;
                self.warnings.push(Warning { message_zh: Some(format!(
                        "日期为 {year} 年的 {} 行构成基准年清单（{year} 年），单独计算并与 {} 年比较",
                        self.base_rows, self.organisation.reporting_year
                    )), field: None,
                    sheet: InputSheet::Activities,
                    row: None,
                    message: format!(
                        "{} row(s) dated {year} form the base-year inventory ({year}), computed apart and compared with {}",
                        self.base_rows, self.organisation.reporting_year
                    ),
                });
                Some(
                    BaseYearInventory::new(year, totals, &summary.totals)
                        .map_err(|e| overflow(InputSheet::Activities, e))?,
                )
            }
            _ => None,
        };

        let intensity = match self.intensity(&summary, production, &mut errors) {
            Ok(i) => i,
            Err(e) => return Err(overflow(InputSheet::Production, e)),
        };
        self.warn_exclusions();
        // The same rule met by several kinds of activity says so once, at
        // its first row.
        let mut seen = std::collections::HashSet::new();
        self.warnings.retain(|w| seen.insert((w.sheet, w.message.clone())));

        let mut positions = Vec::with_capacity(trading.len());
        // Rows are checked one by one, then joined into accounts (one per
        // scheme, facility and year: workbook-v2 §6).
        let mut valid = Vec::with_capacity(trading.len());
        for line in trading {
            let Some(_) = self.facility_index.get(line.facility_id.as_str()) else {
                errors.push(CalcError::new(
                    InputSheet::Trading,
                    line.row,
                    Field::FacilityId,
                    CalcErrorKind::UnknownFacility {
                        id: line.facility_id.clone(),
                        nearest: nearest(&line.facility_id, self.facility_index.keys().copied()),
                    },
                ));
                continue;
            };
            if let Some((field, v)) = [
                (Field::Purchased, Some(line.purchased)),
                (Field::Sold, Some(line.sold)),
                (Field::Offsets, Some(line.offsets)),
                (Field::VerifiedEmissions, line.verified),
                (Field::Price, line.price),
                (Field::PenaltyPerT, line.penalty_per_t),
            ]
            .into_iter()
            .find_map(|(n, v)| v.filter(|v| v.is_sign_negative() && !v.is_zero()).map(|v| (n, v)))
            {
                errors.push(CalcError::new(
                    InputSheet::Trading,
                    line.row,
                    field,
                    CalcErrorKind::Negative { value: v.to_string() },
                ));
                continue;
            }
            valid.push(line.clone());
        }
        let (accounts, conflicts) = Account::join(&valid);
        for (i, e) in conflicts {
            let field = match &e {
                AccountError::Conflict { field, .. } => *field,
            };
            errors.push(CalcError::new(InputSheet::Trading, valid[i].row, field, e.into()));
        }
        for account in &accounts {
            let line = &account.line;
            let Some(&f) = self.facility_index.get(line.facility_id.as_str()) else { continue };
            let warn = |message: String, message_zh: String| Warning {
                message_zh: Some(message_zh),
                field: None,
                sheet: InputSheet::Trading,
                row: line.row,
                message,
            };
            if line.verified.is_none() && line.year != self.organisation.reporting_year {
                // Its rows are left out of this inventory: a computed figure would be 0.
                errors.push(CalcError::new(
                    InputSheet::Trading,
                    line.row,
                    Field::VerifiedEmissions,
                    CalcErrorKind::MissingValue {
                        field: Field::VerifiedEmissions,
                        what: format!(
                            "the {} {} account of {} cannot be computed from a {} inventory (rows of other years are left out): give verified_emissions",
                            line.scheme, line.facility_id, line.year, self.organisation.reporting_year
                        ),
                    },
                ));
                continue;
            }
            let mut computed =
                self.covered_emissions(f, line.year, line.scheme).map_err(|e| overflow(InputSheet::Trading, e))?;
            if line.verified.is_none() {
                self.warnings.push(warn(
                    format!(
                        "{} {} {}: verified emissions computed from the ledger ({})",
                        line.scheme,
                        line.facility_id,
                        line.year,
                        line.scheme.coverage()
                    ),
                    format!(
                        "{} {} {}：未给出核查排放量，核算排放量由台账计算（{}）",
                        line.scheme,
                        line.facility_id,
                        line.year,
                        line.scheme.coverage_zh()
                    ),
                ));
                match self.cn_ets_power_electricity(f, line) {
                    Ok(None) => {}
                    Ok(Some((t, text, text_zh))) => {
                        computed = arithmetic::add(computed, t).map_err(|e| overflow(InputSheet::Trading, e))?;
                        self.warnings.push(warn(text, text_zh));
                    }
                    Err(kind) => {
                        errors.push(CalcError::new(InputSheet::Trading, line.row, Field::VerifiedEmissions, kind));
                        continue;
                    }
                }
            }
            if line.scheme == Scheme::EuEts
                && line.penalty_per_t.is_none()
                && self.organisation.currency.code() != "EUR"
            {
                // The default is a euro amount: in another currency it would
                // be read as 100 of that currency.
                let cur = self.organisation.currency.code();
                self.warnings.push(warn(
                    format!(
                        "the EU ETS excess-emissions penalty defaults to EUR 100 per t, but the organisation's currency is {cur}: give penalty_per_t in {cur} (the penalty is computed with 100 per t)"
                    ),
                    format!(
                        "欧盟碳市场超额排放罚款默认为每吨 100 欧元，但组织币种为 {cur}：请以 {cur} 给出 penalty_per_t（现按每吨 100 计算）"
                    ),
                ));
            }
            if line.scheme == Scheme::EuEts && !line.offsets.is_zero() {
                self.warnings.push(warn(
                    "EU ETS phase 4 (2021–2030) accepts no international credits: offsets are reported as excess"
                        .to_owned(),
                    "欧盟碳市场第四阶段（2021–2030）不接受国际减排信用：抵销量按超额列示".to_owned(),
                ));
            }
            let account = self.industry_output(account, production);
            match account.position(computed) {
                Ok(p) => {
                    if p.position_t.is_sign_negative() && !p.position_t.is_zero() && line.price.is_none() {
                        let (en, zh) = match line.scheme {
                            Scheme::CnEts => (
                                "shortfall without a price: shortfall_cost is 0 and the fine (5–10 × the average price of the month before the deadline) cannot be computed",
                                "配额缺口但未给出价格（price）：缺口成本记为0，罚款（清缴截止前一个月均价的5–10倍）无法计算",
                            ),
                            Scheme::EuEts => (
                                "shortfall without a price: shortfall_cost is 0",
                                "配额缺口但未给出价格（price）：缺口成本记为0",
                            ),
                        };
                        self.warnings.push(warn(en.to_owned(), zh.to_owned()));
                    }
                    for note in &p.notes {
                        let at = format!("{} {} {}", line.scheme, line.facility_id, line.year);
                        self.warnings
                            .push(warn(format!("{at}: {}", note.message), format!("{at}：{}", note.message_zh)));
                    }
                    positions.push(p);
                }
                Err(e) => {
                    let (row, field) = (e.row.or(line.row), e.field);
                    errors.push(CalcError::new(InputSheet::Trading, row, field, e.into()));
                }
            }
        }
        let allowance_accounts = self.allowance_accounts(&positions, &mut errors);
        if !errors.is_empty() {
            return Err(CalcErrors(errors));
        }
        let mut by_activity: Vec<ActivityTotal> = Vec::new();
        for s in &self.slots {
            if s.cells.is_empty() || Some(s.key.year) == base {
                continue;
            }
            let mut cell = Cell::default();
            for (_, c) in &s.cells {
                cell.merge(c).map_err(|e| overflow(InputSheet::Activities, e))?;
            }
            let cell = s.settle(&cell).map_err(unsettled)?;
            let t = ActivityTotal::from_cell(s, &cell, &self.library);
            // Rows of one kind in several years are separate slots: merge them.
            match by_activity.iter_mut().find(|a| a.same_group(&t)) {
                Some(a) => a.merge(&t).map_err(|e| overflow(InputSheet::Activities, e))?,
                None => by_activity.push(t),
            }
        }
        by_activity.sort_by(|a, b| {
            (a.facility, a.source, &a.activity, a.unit).cmp(&(b.facility, b.source, &b.activity, b.unit))
        });
        Ok(Results {
            organisation: self.organisation.clone(),
            by_activity,
            methodology: self.method.id(),
            methodology_title: self.method.title(),
            facility_ids,
            facilities: self.facilities.to_vec(),
            ledger,
            library: self.library,
            summary,
            intensity,
            trading: positions,
            allowance_accounts,
            warnings: self.warnings,
            excluded: self.excluded,
            base_year,
            cbam: None,
            finance: None,
        })
    }

    /// One warning per sheet and year of the rows left out, naming them.
    fn warn_exclusions(&mut self) {
        let mut groups: Vec<(InputSheet, i32, Vec<u32>, usize)> = Vec::new();
        for e in &self.excluded {
            let key = (e.sheet, e.period.year());
            let at = match groups.iter().position(|g| (g.0, g.1) == key) {
                Some(at) => at,
                None => {
                    groups.push((key.0, key.1, Vec::new(), 0));
                    groups.len() - 1
                }
            };
            groups[at].3 += 1;
            if let Some(r) = e.row {
                groups[at].2.push(r);
            }
        }
        for (sheet, year, rows, n) in groups {
            const SHOWN: usize = 20;
            let mut list: Vec<String> = rows.iter().take(SHOWN).map(u32::to_string).collect();
            if rows.len() > SHOWN {
                list.push(format!("… ({} more)", rows.len() - SHOWN));
            }
            let rows_text = if list.is_empty() { String::new() } else { format!(" (rows {})", list.join(", ")) };
            let base = sheet == InputSheet::Production && self.base_year() == Some(year);
            let what = match sheet {
                InputSheet::Production => "output and products",
                _ => "emissions and energy",
            };
            let what_zh = match sheet {
                InputSheet::Production => "产量与产品",
                _ => "排放与能耗",
            };
            let rows_zh = if rows.is_empty() {
                String::new()
            } else {
                format!("（第 {} 行）", rows.iter().take(SHOWN).map(u32::to_string).collect::<Vec<_>>().join("、"))
            };
            self.warnings.push(Warning {
                message_zh: Some(format!(
                    "{n} 行日期为 {year} 年{rows_zh}，不在报告年度 {} 内：其{what_zh}不计入 {} 年的数值{}",
                    self.organisation.reporting_year,
                    self.organisation.reporting_year,
                    if base { "（基准年产量不予采用：基准年强度取组织表所给数值）" } else { "" }
                )),
                field: None,
                sheet,
                row: rows.first().copied(),
                message: format!(
                    "{n} row(s) dated {year}{rows_text} lie outside the reporting year {}: their {what} are left out of the {} figures{}",
                    self.organisation.reporting_year,
                    self.organisation.reporting_year,
                    if base { " (base-year output is not used: the base year's intensities are those given on the Organisation sheet)" } else { "" }
                ),
            });
        }
    }

    /// CN-ETS power accounts of 2019–2022: the verified emissions of a
    /// power facility include its purchased electricity at the national
    /// grid factor the MEE sets for ETS reporting in that year (the power
    /// sector's accounting guideline of those years; from 2023, direct
    /// emissions only). Returns the tonnes and a note saying how (in English
    /// and Chinese), or an error when the year's ETS factor is not in the
    /// library.
    fn cn_ets_power_electricity(
        &self,
        facility: usize,
        line: &TradingLine,
    ) -> Result<Option<(Decimal, String, String)>, CalcErrorKind> {
        let power = self.facilities[facility]
            .sector
            .as_deref()
            .is_some_and(|s| crate::factors::ipcc_sector_for(s) == Some("energy"));
        if line.scheme != Scheme::CnEts || !power || !(2019..=2022).contains(&line.year) {
            return Ok(None);
        }
        let mwh = self.electricity_mwh(facility, line.year)?;
        if mwh.is_zero() {
            return Ok(None);
        }
        let id = format!("cn.grid.ets_reporting.national.{}", line.year);
        let Some(factor) = self.library.get(&id) else {
            return Err(CalcErrorKind::MissingValue {
                field: Field::VerifiedEmissions,
                what: format!(
                    "CN-ETS power verified emissions of {} include purchased electricity ({mwh} MWh) at the MEE's national grid factor for ETS reporting of {}, which the built-in library does not hold (not confirmed from the MEE text): give verified_emissions",
                    line.year, line.year
                ),
            });
        };
        let t = factor.per(crate::units::Unit::MegawattHour)?.apply(mwh)?;
        let text = format!(
            "{} {} {}: verified emissions include purchased electricity, {mwh} MWh × {} = {t} t CO2 ({}), as the power sector's rules of 2019–2022 count it",
            line.scheme,
            line.facility_id,
            line.year,
            factor.value_line(),
            factor.source.citation()
        );
        let text_zh = format!(
            "{} {} {}：核查排放量含外购电力 {mwh} 兆瓦时 × {} = {t} 吨CO2（{}），按 2019–2022 年度发电行业规则计入",
            line.scheme,
            line.facility_id,
            line.year,
            factor.value_line(),
            factor.source.citation()
        );
        Ok(Some((t, text, text_zh)))
    }

    /// MWh of purchased electricity of a facility in a year: the slots'
    /// quantities, converted once per slot (not per row).
    fn electricity_mwh(&self, facility: usize, year: i32) -> Result<Decimal, CalcErrorKind> {
        let mut mwh = Decimal::ZERO;
        for s in &self.slots {
            if s.key.facility != facility || s.key.year != year || s.key.source != SourceCategory::PurchasedElectricity
            {
                continue;
            }
            let Ok(per) = s.key.unit.ratio_to(Unit::MegawattHour) else { continue };
            for (_, cell) in &s.cells {
                let q = arithmetic::add(cell.quantity, cell.default_quantity)?;
                mwh = arithmetic::add(mwh, per.apply(q)?)?;
            }
        }
        Ok(mwh)
    }

    /// A cn-industry row without `product_output` takes the output of its
    /// main product from the Production sheet (clinker, pig iron, aluminium
    /// of the facility and year, in t), with a warning naming the rows.
    fn industry_output(
        &mut self,
        account: &crate::trading::Account,
        production: &[Production],
    ) -> crate::trading::Account {
        use crate::trading::Allocation;
        const PRODUCTS: [&str; 13] = [
            "clinker",
            "熟料",
            "pig iron",
            "hot metal",
            "生铁",
            "铁水",
            "炼铁",
            "aluminium",
            "aluminum",
            "铝液",
            "电解铝",
            "原铝",
            "liquid aluminium",
        ];
        let mut account = account.clone();
        let year = account.line.year;
        for r in &mut account.rows {
            let Allocation::CnIndustry(line) = &mut r.allocation else { continue };
            if line.product_output.is_some() || line.special_case.is_some() || year < 2025 {
                continue;
            }
            let rows: Vec<&Production> = production
                .iter()
                .filter(|p| {
                    p.facility_id == r.facility_id
                        && p.period.map_or(self.organisation.reporting_year, |x| x.year()) == year
                        && matches!(p.unit.trim(), "t" | "吨" | "tonne" | "tonnes")
                        && PRODUCTS.iter().any(|k| p.product.to_lowercase().contains(k))
                })
                .collect();
            let Some(first) = rows.first() else { continue };
            // Clinker, iron, aluminium: the rows must all be of one.
            let kind = |p: &Production| match PRODUCTS.iter().position(|k| p.product.to_lowercase().contains(k)) {
                Some(0..=1) => 0,
                Some(2..=6) => 1,
                _ => 2,
            };
            if rows.iter().any(|p| kind(p) != kind(first)) {
                continue;
            }
            let Ok(total) = rows.iter().try_fold(Decimal::ZERO, |a, p| arithmetic::add(a, p.quantity)) else {
                continue;
            };
            line.product_output = Some(total);
            let at: Vec<String> = rows.iter().filter_map(|p| p.row).map(|n| n.to_string()).collect();
            self.warnings.push(Warning {
                message_zh: Some(format!(
                    "产品产量（product_output）取自“产品产量”表：{} {total} 吨（第 {} 行）",
                    first.product,
                    at.join("、")
                )),
                field: Some(crate::field::Field::ProductOutput),
                sheet: InputSheet::Trading,
                row: r.row,
                message: format!(
                    "product_output taken from the Production sheet: {total} t of {} (rows {})",
                    first.product,
                    at.join(", ")
                ),
            });
        }
        account
    }

    /// The allowance accounts of the Transactions sheet, one per scheme and
    /// facility, checked against the positions' verified emissions.
    fn allowance_accounts(
        &mut self,
        positions: &[crate::trading::Position],
        errors: &mut Vec<CalcError>,
    ) -> Vec<crate::trading::ledger::Statement> {
        use crate::trading::ledger;
        let transactions = std::mem::take(&mut self.transactions);
        let mut groups: Vec<((Scheme, &str), Vec<&ledger::Transaction>)> = Vec::new();
        for t in &transactions {
            if !self.facility_index.contains_key(t.facility_id.as_str()) {
                errors.push(CalcError::new(
                    InputSheet::Transactions,
                    t.row,
                    Field::FacilityId,
                    CalcErrorKind::UnknownFacility {
                        id: t.facility_id.clone(),
                        nearest: nearest(&t.facility_id, self.facility_index.keys().copied()),
                    },
                ));
                continue;
            }
            let key = (t.scheme, t.facility_id.as_str());
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.1.push(t),
                None => groups.push((key, vec![t])),
            }
        }
        let mut statements = Vec::with_capacity(groups.len());
        for ((scheme, facility), txs) in groups {
            let mine = positions.iter().filter(|p| p.scheme == scheme && p.facility_id == facility);
            let dues: Vec<(i32, Decimal)> = mine.clone().map(|p| (p.year, p.verified_t)).collect();
            let price = mine.max_by_key(|p| p.year).and_then(|p| p.price);
            let ledger::Applied { statement, errors: problems, warnings: notes } = ledger::run(&txs, &dues, price);
            for e in problems {
                let (row, field) = (e.row, e.field);
                errors.push(CalcError::new(InputSheet::Transactions, row, field, e.into()));
            }
            for (row, notice) in notes {
                self.warnings.push(Warning {
                    message_zh: Some(notice.message_zh),
                    field: None,
                    sheet: InputSheet::Transactions,
                    row,
                    message: notice.message,
                });
            }
            statements.extend(statement);
        }
        statements
    }

    fn covered_emissions(
        &self,
        facility: usize,
        year: i32,
        scheme: Scheme,
    ) -> Result<Decimal, arithmetic::ArithmeticError> {
        let mut total = Decimal::ZERO;
        // CN-ETS aluminium smelting also covers CF4 and C2F6 (2025–2026
        // plan 二(二); the 2025 work plan of the three sectors).
        let aluminium = scheme == Scheme::CnEts
            && self.facilities[facility].sector.as_deref().is_some_and(|s| {
                let s = s.to_lowercase();
                s.contains("alumin") || s.contains('铝')
            });
        for ((f, p, s), cell) in self.accumulator.sorted() {
            if *f != facility || p.year() != year || s.scope() != Scope::Scope1 {
                continue;
            }
            for (gas, _, co2e) in &cell.gases {
                if scheme.covers(*gas) || aluminium && matches!(gas, crate::gas::Gas::Cf4 | crate::gas::Gas::C2f6) {
                    total = arithmetic::add(total, *co2e)?;
                }
            }
        }
        Ok(total)
    }

    fn intensity(
        &mut self,
        summary: &Summary,
        production: &[Production],
        errors: &mut Vec<CalcError>,
    ) -> Result<Intensity, arithmetic::ArithmeticError> {
        let mut products: Vec<ProductSum> = Vec::new();
        let mut output_total = Decimal::ZERO;
        for p in production {
            if let Some(period) = p.period.filter(|period| period.year() != self.organisation.reporting_year) {
                self.excluded.push(Excluded {
                    sheet: InputSheet::Production,
                    row: p.row,
                    period,
                    reason: ExclusionReason::OutsideReportingYear,
                });
                continue;
            }
            let Some(&f) = self.facility_index.get(p.facility_id.as_str()) else {
                errors.push(CalcError::new(
                    InputSheet::Production,
                    p.row,
                    Field::FacilityId,
                    CalcErrorKind::UnknownFacility {
                        id: p.facility_id.clone(),
                        nearest: nearest(&p.facility_id, self.facility_index.keys().copied()),
                    },
                ));
                continue;
            };
            if p.quantity.is_sign_negative() && !p.quantity.is_zero() {
                errors.push(CalcError::new(
                    InputSheet::Production,
                    p.row,
                    Field::Quantity,
                    CalcErrorKind::Negative { value: p.quantity.to_string() },
                ));
                continue;
            }
            if let Some(v) = p.output_value.filter(|v| v.is_sign_negative() && !v.is_zero()) {
                errors.push(CalcError::new(
                    InputSheet::Production,
                    p.row,
                    Field::OutputValue,
                    CalcErrorKind::Negative { value: v.to_string() },
                ));
                continue;
            }
            let ov = p.output_value.unwrap_or_default();
            output_total = arithmetic::add(output_total, ov)?;
            match products.iter_mut().find(|e| e.0 == f && e.1 == p.product && e.2 == p.unit) {
                Some(e) => {
                    e.3 = arithmetic::add(e.3, p.quantity)?;
                    e.4 = arithmetic::add(e.4, ov)?;
                    e.5 |= p.output_value.is_none();
                }
                None => products.push((
                    f,
                    p.product.clone(),
                    p.unit.clone(),
                    p.quantity,
                    ov,
                    p.output_value.is_none(),
                    p.row,
                )),
            }
        }
        let totals = &summary.totals;
        let mut result = Intensity {
            output_value: output_total,
            tce_per_10k_output_value: intensity::per_10k(totals.energy_tce, output_total)?,
            t_co2e_per_10k_output_value: intensity::per_10k(totals.total_location_t_co2e()?, output_total)?,
            t_co2e_market_per_10k_output_value: intensity::per_10k(totals.total_market_t_co2e()?, output_total)?,
            tce_vs_base_year: None,
            t_co2e_vs_base_year: None,
            tce_vs_target: None,
            t_co2e_vs_target: None,
            facilities: Vec::new(),
        };
        let compare =
            |b: Option<Decimal>, c: Option<Decimal>| -> Result<Option<Comparison>, arithmetic::ArithmeticError> {
                let (Some(b), Some(c)) = (b, c) else { return Ok(None) };
                Ok(intensity::change_percent(b, c)?.map(|change_percent| Comparison {
                    base: b,
                    current: c,
                    change_percent,
                }))
            };
        if let Some(base) = &self.organisation.base_year {
            result.tce_vs_base_year = compare(base.tce_per_10k_output_value, result.tce_per_10k_output_value)?;
            result.t_co2e_vs_base_year = compare(base.t_co2e_per_10k_output_value, result.t_co2e_per_10k_output_value)?;
        }
        if let Some(target) = &self.organisation.target {
            result.tce_vs_target = compare(target.tce_per_10k_output_value, result.tce_per_10k_output_value)?;
            result.t_co2e_vs_target = compare(target.t_co2e_per_10k_output_value, result.t_co2e_per_10k_output_value)?;
        }
        if output_total.is_zero() && !production.is_empty() {
            self.warnings.push(Warning {
                message_zh: Some("总产值为0：不计算万元产值强度".to_owned()),
                field: None,
                sheet: InputSheet::Production,
                row: None,
                message: "total output value is 0: intensities per 10,000 of output value are not computed".to_owned(),
            });
        }
        let mut facilities: Vec<usize> = products.iter().map(|p| p.0).collect();
        facilities.sort_unstable();
        facilities.dedup();
        for f in facilities {
            let ft = summary.facility(f);
            let mine: Vec<_> = products.iter().filter(|p| p.0 == f).collect();
            let fov = arithmetic::sum(mine.iter().map(|p| p.4))?;
            let several = mine.len() > 1;
            let missing_value = several && (mine.iter().any(|p| p.5) || fov.is_zero());
            if missing_value {
                self.warnings.push(Warning { message_zh: Some(format!(
                        "设施 {} 有多种产品，但并非每种产品都给出了产值：不计算单位产品强度",
                        self.facilities[f].id
                    )), field: Some(crate::field::Field::OutputValue),
                    sheet: InputSheet::Production,
                    row: mine.first().and_then(|p| p.6),
                    message: format!(
                        "facility {} has several products but not every one has an output value: per-product intensities are not computed",
                        self.facilities[f].id
                    ),
                });
            }
            let mut list = Vec::with_capacity(mine.len());
            for p in mine {
                let share = if !several {
                    Some(Decimal::ONE)
                } else if missing_value {
                    None
                } else {
                    Some(arithmetic::div(p.4, fov)?)
                };
                let per_unit = |figure: Decimal| -> Result<Option<Decimal>, arithmetic::ArithmeticError> {
                    match share {
                        Some(s) if !p.3.is_zero() => {
                            // figure × ov_p / ov_f / quantity, dividing last.
                            let num = if several { arithmetic::mul(figure, p.4)? } else { figure };
                            let den = if several { arithmetic::mul(fov, p.3)? } else { p.3 };
                            let _ = s;
                            Ok(Some(arithmetic::div(num, den)?))
                        }
                        _ => Ok(None),
                    }
                };
                list.push(ProductIntensity {
                    product: p.1.clone(),
                    quantity: p.3,
                    unit: p.2.clone(),
                    output_value: (!p.5).then_some(p.4),
                    share,
                    t_co2e_per_unit: per_unit(ft.total_location_t_co2e()?)?,
                    tce_per_unit: per_unit(ft.energy_tce)?,
                });
            }
            result.facilities.push(FacilityIntensity {
                facility: f,
                facility_id: self.facilities[f].id.clone(),
                output_value: fov,
                tce_per_10k_output_value: intensity::per_10k(ft.energy_tce, fov)?,
                t_co2e_per_10k_output_value: intensity::per_10k(ft.total_location_t_co2e()?, fov)?,
                products: list,
            });
        }
        Ok(result)
    }
}
