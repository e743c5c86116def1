//! Merged regions: the value of a region's top-left cell filled into the
//! cells it covers, row by row as the walk passes them.

use super::*;

impl<'p> State<'p> {
    /// The merged regions of the sheet, before its first row.
    pub(super) fn set_merges(&mut self, mut merges: Vec<Dimensions>) {
        merges.sort_by_key(|d| d.start);
        self.merges = merges;
    }

    /// The row with the values of the merged regions that cover it, when
    /// there are any.
    pub(super) fn merged_row<'c>(&mut self, number: u32, cells: &RowCells<'c>) -> Option<Vec<Cell<DataRef<'c>>>> {
        if self.merges.is_empty() {
            return None;
        }
        let r = number - 1;
        self.active.retain(|(d, _)| d.end.0 >= r);
        while self.next_merge < self.merges.len() && self.merges[self.next_merge].start.0 <= r {
            let d = self.merges[self.next_merge];
            self.next_merge += 1;
            if d.end.0 < r {
                continue;
            }
            // The top-left value: in this row when the region starts here.
            let v = if d.start.0 == r {
                cells.iter().find(|c| c.get_position().1 == d.start.1).map(|c| owned(c.get_value()))
            } else {
                None
            };
            self.active.push((d, v));
        }
        if self.active.iter().all(|(_, v)| v.is_none()) {
            return None;
        }
        let mut row: Vec<Cell<DataRef<'c>>> = Vec::with_capacity(cells.len() + self.active.len());
        row.extend_from_slice(cells);
        let mut added = false;
        for (d, v) in &self.active {
            let Some(v) = v else { continue };
            for col in d.start.1..=d.end.1 {
                if (r, col) == d.start || row.iter().any(|c| c.get_position().1 == col) {
                    continue;
                }
                row.push(Cell::new((r, col), owned_ref(v)));
                added = true;
            }
        }
        if !added {
            return None;
        }
        row.sort_by_key(|c| c.get_position().1);
        Some(row)
    }
}
