//! Finding a table's header: the rows before it, the header cells (over
//! several rows when the profile says so), and resolving the profile's
//! columns against them.

use super::*;

impl<'p> State<'p> {
    /// Before the header: the anchor, then the header's first row (sets
    /// the phase to [`Phase::Header`] when the header starts at or before
    /// this row).
    pub(super) fn seek(&mut self, number: u32, cells: &RowCells<'_>) -> ControlFlow<()> {
        let plan = self.plan;
        if !self.anchor_seen {
            let anchor = plan.anchor.as_deref().map(norm_text).unwrap_or_default();
            if cells.iter().any(|c| cells::as_text(c.get_value()).is_some_and(|t| norm_text(&t) == anchor)) {
                self.anchor_seen = true;
                self.last_row = number;
            }
            if plan.header_row.is_none() {
                return ControlFlow::Continue(());
            }
        }
        let start = match plan.header_row {
            Some(r) if number < r => return ControlFlow::Continue(()),
            Some(r) => r,
            None => {
                if plan.header_rows == 1 {
                    let texts: Vec<(u32, String)> = cells
                        .iter()
                        .filter_map(|c| {
                            cells::as_text(c.get_value()).map(|t| {
                                (
                                    c.get_position().1,
                                    normalise(&crate::profile::values::header_text(&t, &plan.footnotes)),
                                )
                            })
                        })
                        .collect();
                    if !holds_all(&texts, &plan.named_columns()) {
                        if number > self.last_row + HEADER_SEARCH {
                            return ControlFlow::Break(());
                        }
                        return ControlFlow::Continue(());
                    }
                }
                number
            }
        };
        self.header_texts.first_row = start;
        self.phase = Phase::Header;
        ControlFlow::Continue(())
    }

    pub(super) fn header_cells(&mut self, number: u32, cells: &RowCells<'_>) {
        for c in cells {
            let col = c.get_position().1;
            // A date cell names its month (wide tables with a date per
            // column); its text is the date.
            if let DataRef::DateTime(dt) = c.get_value()
                && !dt.is_duration()
            {
                if let Some(p) = date::month_of(dt) {
                    self.header_dates.push((col, p));
                }
                self.header_texts.push(number, col, date::date_text(dt));
                continue;
            }
            if let Some(t) = cells::as_text(c.get_value()) {
                let t = crate::profile::values::header_text(&t, &self.plan.footnotes);
                self.header_texts.push(number, c.get_position().1, t);
            }
        }
    }

    /// Resolves every column the profile names; `false` (with problems)
    /// when one is missing.
    pub(super) fn resolve(&mut self) -> bool {
        let plan = self.plan;
        let h = &self.header_texts;
        let problems = std::cell::RefCell::new(Vec::new());
        let col = |name: &str, what: &str| match h.resolve(name) {
            Ok(c) => Some(c),
            Err(e) => {
                problems.borrow_mut().push(Problem::at(
                    h.cell(h.columns.first().map_or(0, |c| c.0)),
                    format!("{}: {what}: {e}", plan.what()),
                ));
                None
            }
        };
        let n = plan.target.columns.len();
        let mut field_cols = vec![None; n];
        let mut consts = vec![None; plan.fields.len()];
        for (i, f) in plan.fields.iter().enumerate() {
            let name = plan.target.columns[f.field].field;
            match &f.from {
                From::Column(c) => field_cols[f.field] = col(c, &format!("columns.{name}")),
                From::HeaderUnit(c) => {
                    if let Some(c) = col(c, &format!("columns.{name}.header_unit")) {
                        let joined = h.joined(c);
                        let unit = schema::bracketed(&joined)
                            .map(str::to_owned)
                            .or_else(|| (h.rows > 1).then(|| h.last(c).map(str::to_owned)).flatten());
                        match unit {
                            Some(u) => consts[i] = Some(u),
                            None => problems.borrow_mut().push(Problem::at(
                                h.cell(c),
                                format!(
                                    "{}: columns.{name}.header_unit: the header \"{joined}\" holds no unit in brackets{}",
                                    plan.what(),
                                    if h.rows > 1 { " nor in its last row" } else { "" }
                                ),
                            )),
                        }
                    }
                }
                From::Constant(_) | From::Group => {}
            }
        }
        let fill_cols: Vec<u32> = plan.fill_down.iter().filter_map(|c| col(c, "fill_down")).collect();
        let group_col = plan.groups.as_deref().and_then(|c| col(c, "groups"));
        let totals_col = match &plan.totals {
            Totals::Column(c, _) => col(c, "totals.column"),
            _ => None,
        };
        let skip_col = plan.skip.as_ref().and_then(|(c, _)| col(c, "skip.column"));
        let keep_col = plan.keep.as_ref().and_then(|(c, _)| col(c, "keep.column"));
        // A wide table: its value columns and what each header names.
        let mut value_cols: Vec<(u32, String)> = Vec::new();
        if let Some(u) = &plan.unpivot
            && !h.columns.is_empty()
        {
            let what = format!("{}: [table.unpivot] {}", plan.what(), u.written);
            let words: Vec<String> = totals::TOTAL_WORDS.iter().map(|w| (*w).to_owned()).collect();
            let candidates: Vec<u32> = match &u.columns {
                ValueColumns::Range(a, b) => (*a..=*b).collect(),
                ValueColumns::Named(names) => names.iter().filter_map(|n| col(n, "unpivot.columns")).collect(),
                ValueColumns::After(name) => match col(name, "unpivot.after") {
                    Some(c0) => h
                        .columns
                        .iter()
                        .map(|(c, _)| *c)
                        .filter(|c| *c > c0 && !h.joined(*c).is_empty())
                        .filter(|c| {
                            let text = h.joined(*c);
                            let total = totals::starts_with_word(&text, &words, &plan.footnotes);
                            if total {
                                self.warnings.push(Problem::at(
                                    h.cell(*c),
                                    format!(
                                        "{what}: column {} (\"{text}\") is a totals column: not unpivoted",
                                        column_letters(*c)
                                    ),
                                ));
                            }
                            !total
                        })
                        .collect(),
                    None => Vec::new(),
                },
            };
            for c in candidates {
                let text = h.joined(c);
                let letter = column_letters(c);
                if text.is_empty() {
                    problems.borrow_mut().push(Problem::at(
                        h.cell(c),
                        format!(
                            "{what}: column {letter} has no header text to read the {} from",
                            plan.target.columns[u.header_field].field
                        ),
                    ));
                    continue;
                }
                if let Some(f) = field_cols.iter().position(|f| *f == Some(c)) {
                    problems.borrow_mut().push(Problem::at(
                        h.cell(c),
                        format!("{what}: column {letter} is also mapped to columns.{}", plan.target.columns[f].field),
                    ));
                    continue;
                }
                let key = normalise(&text);
                let mapped = u.map.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
                let value = if !u.header_is_period {
                    mapped.unwrap_or(text)
                } else if let (None, Some((_, p))) = (&mapped, self.header_dates.iter().find(|(d, _)| *d == c)) {
                    p.to_string()
                } else {
                    let text = mapped.unwrap_or(text);
                    match dates::header_period(&text, u.year, u.format.as_ref()) {
                        Ok(p) => p.to_string(),
                        Err(e) => {
                            problems.borrow_mut().push(Problem::at(
                                h.cell(c),
                                format!("{what}: the header \"{text}\" of column {letter} {e}"),
                            ));
                            continue;
                        }
                    }
                };
                value_cols.push((c, value));
            }
            if value_cols.is_empty() && problems.borrow().is_empty() {
                problems.borrow_mut().push(Problem::at(
                    h.cell(h.columns.first().map_or(0, |c| c.0)),
                    format!("{what}: no value columns found in the header ({})", h.rows_text()),
                ));
            }
        }
        let mut problems = problems.into_inner();
        if h.columns.is_empty() {
            problems.clear();
            problems.push(Problem::sheet(
                &self.sheet,
                format!(
                    "{}: no header found{}{}",
                    plan.what(),
                    match &plan.anchor {
                        Some(a) if !self.anchor_seen => format!("; no cell holds the anchor \"{a}\""),
                        _ => String::new(),
                    },
                    match plan.header_row {
                        Some(r) => format!("; row {r} is empty"),
                        None => format!(
                            "; no row holds every column named ({})",
                            plan.named_columns().iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
                        ),
                    }
                ),
            ));
        }
        if !problems.is_empty() {
            self.problems = problems;
            return false;
        }
        let first_col = field_cols.iter().flatten().copied().chain(value_cols.iter().map(|v| v.0)).min().unwrap_or(0);
        let header = Header::mapped(&self.sheet, h.first_row, first_col, field_cols.clone());
        self.activities = Some(Activities::new(&header));
        // The columns whose figures a totals row would sum.
        let sum_cols: Vec<u32> = match &plan.unpivot {
            Some(_) => value_cols.iter().map(|v| v.0).collect(),
            None => ["quantity", "value"]
                .iter()
                .filter_map(|f| plan.target.field_named(f))
                .filter_map(|f| field_cols[f])
                .collect(),
        };
        self.sums = plan.sums.then(|| BlockSums::new(sum_cols));
        if let Some(u) = &plan.unpivot {
            self.unpivot_cols = value_cols
                .into_iter()
                .map(|(col, value)| {
                    let mut cols = field_cols.clone();
                    cols[u.value_field] = Some(col);
                    cols[u.header_field] = Some(col);
                    ValueColumn { col, header: Header::mapped(&self.sheet, h.first_row, first_col, cols), value }
                })
                .collect();
        }
        let header = match self.unpivot_cols.first() {
            Some(v) => v.header.clone(),
            None => header,
        };
        self.cols = Some(header);
        self.field_cols = field_cols;
        self.header_consts = consts;
        self.fill_values = vec![None; fill_cols.len()];
        self.fill_cols = fill_cols;
        self.group_col = group_col;
        self.totals_col = totals_col;
        self.skip_col = skip_col;
        self.keep_col = keep_col;
        true
    }

    /// After the last row: a header never found or never completed.
    pub(super) fn finish(&mut self, _each: &mut dyn FnMut(Outcome<'_, '_>)) {
        if !matches!(self.phase, Phase::Data) && self.problems.is_empty() {
            self.resolve();
        }
    }
}
