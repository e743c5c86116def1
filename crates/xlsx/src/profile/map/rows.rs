//! Data rows: mapping cells onto the target sheet's fields, parsing them by
//! the canonical workbook's own rules, and the outcome of each row.

use super::*;

impl<'p> State<'p> {
    /// A data row: `raw` as the sheet holds it, `cells` with merged
    /// regions filled in.
    pub(super) fn data(
        &mut self,
        number: u32,
        raw: &RowCells<'_>,
        cells: &RowCells<'_>,
        each: &mut dyn FnMut(Outcome<'_, '_>),
    ) -> ControlFlow<()> {
        if self.done {
            return ControlFlow::Break(());
        }
        let plan = self.plan;
        if plan.end_at_blank_row && number > self.last_row + 1 && self.landed + self.rejected > 0 {
            self.done = true;
            return ControlFlow::Break(());
        }
        // A blank row starts a new block of rows (for totals by figures).
        if number > self.last_row + 1
            && let Some(s) = &mut self.sums
        {
            s.reset();
        }
        self.last_row = number;
        if !plan.end.is_empty()
            && cells.iter().any(|c| cells::as_text(c.get_value()).is_some_and(|t| ends(&plan.end, &norm_text(&t))))
        {
            self.done = true;
            return ControlFlow::Break(());
        }
        let first = CellRef::new(&self.sheet, number, cells.first().map_or(0, |c| c.get_position().1));
        // Group sub-header rows.
        if let Some(g) = self.group_col
            && cells.iter().all(|c| c.get_position().1 == g)
        {
            let label = cells.first().and_then(|c| cells::as_text(c.get_value())).unwrap_or_default();
            let label = crate::profile::values::strip_footnotes(&label, &plan.footnotes).to_owned();
            self.reject(
                each,
                first,
                format!("group sub-header row: its label \"{label}\" applies to the rows below"),
                cells,
            );
            self.group = Some(label);
            self.new_block();
            return ControlFlow::Continue(());
        }
        // Totals rows: by a declared column, or detected by the row's own
        // first text, or by its figures.
        match &plan.totals {
            Totals::Column(_, prefixes) => {
                if let Some(t) = self.totals_col
                    && let Some(c) = cells.iter().find(|c| c.get_position().1 == t)
                    && let Some(text) = cells::as_text(c.get_value())
                    && prefixes.iter().any(|p| text.to_lowercase().starts_with(p))
                {
                    let at = CellRef::new(&self.sheet, number, t);
                    self.reject(
                        each,
                        at,
                        format!("totals row (\"{text}\"): skipped, its parts are rows of their own"),
                        cells,
                    );
                    self.new_block();
                    return ControlFlow::Continue(());
                }
            }
            Totals::Detect(words) => {
                if let Some((col, label)) = totals::first_label(raw)
                    && totals::starts_with_word(label, words, &plan.footnotes)
                {
                    let at = CellRef::new(&self.sheet, number, col);
                    self.reject(
                        each,
                        at,
                        format!(
                            "totals row (detected) \"{label}\": skipped, its parts are rows of their own (totals = false reads such rows as data)"
                        ),
                        cells,
                    );
                    self.new_block();
                    return ControlFlow::Continue(());
                }
            }
            Totals::Off => {}
        }
        if let Some(rows) = self.sums.as_ref().and_then(|s| s.totals_of(raw)) {
            self.reject(
                each,
                first,
                format!(
                    "totals row (detected): its figures are the exact sums of {rows} above; skipped, its parts are rows of their own (totals = {{ sums = false }} reads such rows as data)"
                ),
                cells,
            );
            self.new_block();
            return ControlFlow::Continue(());
        }
        // Rows the profile skips.
        if let (Some(k), Some((_, values))) = (self.skip_col, &plan.skip)
            && let Some(c) = cells.iter().find(|c| c.get_position().1 == k)
            && let Some(text) = cells::as_text(c.get_value())
            && values.contains(&text.trim().to_lowercase())
        {
            let at = CellRef::new(&self.sheet, number, k);
            self.reject(each, at, format!("skipped by the profile (skip: \"{text}\")"), cells);
            return ControlFlow::Continue(());
        }
        // Rows the profile keeps.
        if let (Some(k), Some((_, values))) = (self.keep_col, &plan.keep) {
            let text = cells.iter().find(|c| c.get_position().1 == k).and_then(|c| cells::as_text(c.get_value()));
            if !text.as_deref().is_some_and(|t| values.contains(&t.trim().to_lowercase())) {
                let at = CellRef::new(&self.sheet, number, k);
                let found = text.map_or_else(|| "an empty cell".to_owned(), |t| format!("\"{t}\""));
                self.reject(each, at, format!("not kept by the profile (keep: found {found})"), cells);
                return ControlFlow::Continue(());
            }
        }
        if let Some(s) = &mut self.sums {
            s.add(number, raw);
        }
        // Fill down.
        let mut filled: Option<Vec<Cell<DataRef<'_>>>> = None;
        for (k, &col) in self.fill_cols.iter().enumerate() {
            match cells.iter().find(|c| c.get_position().1 == col) {
                Some(c) => self.fill_values[k] = Some(owned(c.get_value())),
                None => {
                    if let Some(v) = &self.fill_values[k] {
                        let row = filled.get_or_insert_with(|| cells.to_vec());
                        row.push(Cell::new((number - 1, col), owned_ref(v)));
                    }
                }
            }
        }
        if let Some(row) = &mut filled {
            row.sort_by_key(|c| c.get_position().1);
        }
        let cells: &RowCells<'_> = filled.as_deref().unwrap_or(cells);
        self.map_row(number, cells, first, each);
        ControlFlow::Continue(())
    }

    /// A totals or group row ends a block of rows.
    pub(super) fn new_block(&mut self) {
        if let Some(s) = &mut self.sums {
            s.reset();
        }
    }

    /// Maps a data row onto the target's fields and parses it (once per
    /// value cell for a wide table).
    pub(super) fn map_row(
        &mut self,
        number: u32,
        cells: &RowCells<'_>,
        first: CellRef,
        each: &mut dyn FnMut(Outcome<'_, '_>),
    ) {
        let plan = self.plan;
        let r0 = number - 1;
        let mut out: Vec<Cell<DataRef<'_>>> = Vec::with_capacity(plan.fields.len() + 2);
        let mut reasons: Vec<(CellRef, String)> = Vec::new();
        let mut from_source = false;
        for (i, f) in plan.fields.iter().enumerate() {
            let field = plan.target.columns[f.field].field;
            let value: Option<DataRef<'_>> = match &f.from {
                From::Constant(c) => Some(DataRef::SharedString(c)),
                From::HeaderUnit(_) => self.header_consts[i].clone().map(DataRef::String),
                From::Group => self.group.clone().map(|g| match f.map.iter().find(|(from, _)| *from == g) {
                    Some((_, to)) => DataRef::SharedString(to),
                    None => DataRef::String(g),
                }),
                From::Column(_) => {
                    let col = self.field_cols[f.field].unwrap_or(u32::MAX);
                    match cells.iter().find(|c| c.get_position().1 == col).map(|c| c.get_value()) {
                        None => None,
                        Some(v) => {
                            from_source = true;
                            let at = || CellRef::new(&self.sheet, number, col);
                            let value = match cells::text_of(v) {
                                None => Some(v.clone()),
                                Some(t) => match classify(t, &plan.missing, &plan.footnotes) {
                                    Text::Missing(tok) => {
                                        if plan.target.columns[f.field].required {
                                            reasons.push((
                                                at(),
                                                format!("{field} is required, found \"{tok}\", which means no value"),
                                            ));
                                        }
                                        None
                                    }
                                    Text::Bound(b) if plan.bounds == Bounds::Reject => {
                                        reasons.push((
                                            at(),
                                            format!(
                                                "{field} must be a number, found the bound \"{t}\" (set bounds = \"bound\" to take {b})"
                                            ),
                                        ));
                                        None
                                    }
                                    Text::Bound(b) => Some(DataRef::SharedString(b)),
                                    Text::Value(v) => match f.map.iter().find(|(from, _)| from == v) {
                                        Some((_, to)) => Some(DataRef::SharedString(to)),
                                        None => Some(DataRef::SharedString(v)),
                                    },
                                },
                            };
                            match (&f.format, value) {
                                (Some(format), Some(v)) => match formatted(&v, format) {
                                    Ok(v) => Some(v),
                                    Err(e) => {
                                        reasons.push((at(), format!("{field} {e}")));
                                        None
                                    }
                                },
                                (_, v) => v,
                            }
                        }
                    }
                }
            };
            let value = value.or_else(|| f.default.as_deref().map(DataRef::SharedString));
            if let Some(v) = value
                && !cells::is_blank(&v)
            {
                out.push(Cell::new((r0, f.field as u32), v));
            }
        }
        out.sort_by_key(|c| c.get_position().1);
        if !reasons.is_empty() {
            let cell = reasons[0].0.clone();
            let reason = reasons
                .iter()
                .map(|(c, m)| if *c == cell { m.clone() } else { format!("{c}: {m}") })
                .collect::<Vec<_>>()
                .join("; ");
            self.reject(each, cell, reason, cells);
            return;
        }
        if plan.unpivot.is_some() {
            self.unpivot_row(number, cells, first, &out, each);
            return;
        }
        if !from_source {
            self.reject(each, first, "nothing in the mapped columns".to_owned(), cells);
            return;
        }
        let Some(header) = self.cols.take() else { return };
        let parsed = self.parse(&header, number, &out);
        self.cols = Some(header);
        self.outcome(parsed, first, &out, cells, each);
    }

    /// Parses mapped cells (field `f` at column `f`) by the target sheet's
    /// own rules; problems are placed by `header`.
    pub(super) fn parse(&mut self, header: &Header, number: u32, out: &RowCells<'_>) -> Result<Record, Vec<Problem>> {
        let plan = self.plan;
        let mut suppressed = 0u64;
        self.row_problems.clear();
        self.row_warnings.clear();
        let mut report = Report {
            problems: &mut self.row_problems,
            warnings: &mut self.row_warnings,
            suppressed: &mut suppressed,
            max: usize::MAX,
        };
        let mut row = Row::new(plan.target, header, number, out);
        row.require(&mut report, |_| false);
        let record = match plan.target.sheet {
            carbonbook_core::error::InputSheet::Activities => match self.activities.as_mut() {
                Some(a) => a.read_row(&mut row, &mut report, None).map(Record::Activity),
                None => None,
            },
            carbonbook_core::error::InputSheet::Facilities => {
                // Each row is checked alone; ids given twice are the
                // engine's to report.
                let mut ids = facilities::FacilityIds::default();
                facilities::read_row(&mut row, &mut report, &mut ids).map(Record::Facility)
            }
            carbonbook_core::error::InputSheet::Production => {
                production::read_row(&mut row, &mut report, None).map(Record::Production)
            }
            _ => factors::read_row(&mut row, &mut report, plan.gwp).map(Record::Factor),
        };
        match record {
            Some(r) if !row.failed && self.row_problems.is_empty() => Ok(r),
            _ => Err(std::mem::take(&mut self.row_problems)),
        }
    }

    /// Hands on a parsed row, or lists it with every problem (placed on
    /// the first problem's cell, else on `cell`).
    pub(super) fn outcome(
        &mut self,
        parsed: Result<Record, Vec<Problem>>,
        cell: CellRef,
        out: &RowCells<'_>,
        cells: &RowCells<'_>,
        each: &mut dyn FnMut(Outcome<'_, '_>),
    ) {
        match parsed {
            Ok(r) => {
                self.landed += 1;
                each(Outcome::Landed(r, out));
            }
            Err(problems) => {
                let cell = match problems.first().map(|p| &p.location) {
                    Some(crate::problem::Location::Cell(c)) => c.clone(),
                    _ => cell,
                };
                let reason = if problems.is_empty() {
                    "the row could not be read".to_owned()
                } else {
                    problems
                        .iter()
                        .map(|p| match &p.location {
                            crate::problem::Location::Cell(c) if *c == cell => p.message.clone(),
                            _ => p.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                self.reject(each, cell, reason, cells);
                self.row_problems = problems;
            }
        }
    }

    pub(super) fn reject(
        &mut self,
        each: &mut dyn FnMut(Outcome<'_, '_>),
        cell: CellRef,
        reason: String,
        cells: &RowCells<'_>,
    ) {
        self.rejected += 1;
        each(Outcome::Rejected(RejectedRow { cell, table: self.plan.index, reason, content: content(cells) }));
    }
}
