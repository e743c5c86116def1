//! Wide tables: one record per value cell (months across, for example).

use super::*;

impl<'p> State<'p> {
    /// A row of a wide table: one record per value cell that is neither
    /// blank nor a "no value" token, each placed on its value cell.
    pub(super) fn unpivot_row(
        &mut self,
        number: u32,
        cells: &RowCells<'_>,
        first: CellRef,
        base: &[Cell<DataRef<'_>>],
        each: &mut dyn FnMut(Outcome<'_, '_>),
    ) {
        let plan = self.plan;
        let Some(u) = &plan.unpivot else { return };
        let value_name = plan.target.columns[u.value_field].field;
        let r0 = number - 1;
        let columns = std::mem::take(&mut self.unpivot_cols);
        let mut produced = 0u32;
        let mut tokens: Vec<&str> = Vec::new();
        let mut out: Vec<Cell<DataRef<'_>>> = Vec::with_capacity(base.len() + 2);
        for vc in &columns {
            let Some(v) = cells.iter().find(|c| c.get_position().1 == vc.col).map(|c| c.get_value()) else {
                continue;
            };
            if cells::is_blank(v) {
                continue;
            }
            let at = CellRef::new(&self.sheet, number, vc.col);
            let value = match cells::text_of(v) {
                None => v.clone(),
                Some(t) => match classify(t, &plan.missing, &plan.footnotes) {
                    Text::Missing(tok) => {
                        if !tokens.contains(&tok) {
                            tokens.push(tok);
                        }
                        continue;
                    }
                    Text::Bound(b) if plan.bounds == Bounds::Reject => {
                        produced += 1;
                        self.reject(
                            each,
                            at,
                            format!(
                                "{value_name} must be a number, found the bound \"{t}\" (set bounds = \"bound\" to take {b})"
                            ),
                            cells,
                        );
                        continue;
                    }
                    Text::Bound(b) => DataRef::SharedString(b),
                    Text::Value(v) => DataRef::SharedString(v),
                },
            };
            produced += 1;
            out.clear();
            out.extend(base.iter().cloned());
            out.push(Cell::new((r0, u.value_field as u32), value));
            out.push(Cell::new((r0, u.header_field as u32), DataRef::SharedString(&vc.value)));
            out.sort_by_key(|c| c.get_position().1);
            let parsed = self.parse(&vc.header, number, &out);
            self.outcome(parsed, at, &out, cells, each);
        }
        self.unpivot_cols = columns;
        if produced == 0 {
            let reason = if tokens.is_empty() {
                format!("nothing in the unpivoted columns ({})", u.written)
            } else {
                let found = tokens.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ");
                format!("no value in the unpivoted columns ({}): found only {found}, which means no value", u.written)
            };
            self.reject(each, first, reason, cells);
        }
    }
}
