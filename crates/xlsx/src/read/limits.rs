//! Limits that protect against oversized and malicious files.

/// One mebibyte.
const MIB: u64 = 1024 * 1024;
/// Rows of an Excel worksheet.
const EXCEL_ROWS: u32 = 1_048_576;
/// Columns of an Excel worksheet (A to XFD).
const EXCEL_COLUMNS: u32 = 16_384;

/// Limits applied when a book is opened and read.
///
/// An .xlsx or .ods file is a zip archive. Before it is handed to the
/// spreadsheet reader, its central directory is checked: the parts that are
/// read (the XML of sheets, shared strings, styles, the workbook; not
/// pictures) must together stay within [`Limits::max_uncompressed`], each
/// part the reader holds in memory whole (all but the sheets of .xlsx and
/// .xlsb books) within [`Limits::max_part_in_memory`], and no entry larger than
/// [`Limits::ratio_min_size`] may be compressed more than
/// [`Limits::max_ratio`] to one (a decompression bomb; real sheets compress
/// about 10:1, rarely 100:1). A part never inflates past the size its
/// archive declares. An .xls file and each CSV file must stay within
/// [`Limits::max_file`], and the text of a row of a sheet or a line of a
/// CSV file within [`Limits::max_line`].
///
/// A sheet is refused as soon as reading it passes Excel's own limits,
/// [`Limits::max_rows`] and [`Limits::max_columns`]: a sheet of tiny rows
/// that unpacks to gigabytes (a "row bomb") stops there, in about a second,
/// instead of being read to its end.
///
/// ```
/// use carbonbook_xlsx::read::Limits;
/// let strict = Limits { max_uncompressed: 512 * 1024 * 1024, ..Limits::default() };
/// assert_eq!(strict.max_ratio, 1000);
/// assert_eq!(strict.max_rows, 1_048_576);
/// assert_eq!(strict.max_columns, 16_384);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Total uncompressed size of the parts of a zip-based book that are
    /// read, bytes (default 4 GiB; the largest real books hold a few
    /// hundred MiB).
    pub max_uncompressed: u64,
    /// Uncompressed size of a part of a zip-based book that the reader
    /// holds in memory whole (the shared strings, styles, the workbook and
    /// its relationships; the content of an .ods book), bytes (default 256
    /// MiB: the shared strings of a 1,048,576-row sheet of distinct texts
    /// take about 50 MiB; 256 MiB of tiny strings take about 850 MB of
    /// memory). Sheets of .xlsx and .xlsb books are streamed.
    pub max_part_in_memory: u64,
    /// Highest compression ratio accepted for a large entry (default 1000).
    pub max_ratio: u64,
    /// Entries at most this large (uncompressed, bytes) are not ratio-checked
    /// (default 100 MiB).
    pub ratio_min_size: u64,
    /// Size of an .xls file or of one CSV file, bytes (default 2 GiB).
    pub max_file: u64,
    /// Text in one row of a sheet, or one line of a CSV file (a record: a
    /// line, or several when a quoted field holds line breaks), bytes
    /// (default 16 MiB; a cell of Excel holds at most 32,767 characters).
    /// The reader holds a row whole; a row of one shared text repeated over
    /// thousands of cells would otherwise take gigabytes.
    pub max_line: u64,
    /// Text the cells of one sheet hold in all, bytes (default 1 GiB; a
    /// sheet of 1,048,576 rows of ordinary data holds about 100 MiB). A
    /// shared text counts each time a cell uses it: a sheet of a million
    /// cells that all use one long text would otherwise be read as tens of
    /// gigabytes.
    pub max_text: u64,
    /// Cells a sheet of an .xls or .ods book may span (its rows × columns,
    /// from the first value to the last): these books are read into memory
    /// whole, about 60 bytes a cell (default 6,000,000: 250,000 rows of 24
    /// columns, about 400 MB).
    pub max_range_cells: u64,
    /// Rows of a sheet (default 1,048,576, Excel's limit).
    pub max_rows: u32,
    /// Columns of a sheet (default 16,384, Excel's limit: XFD).
    pub max_columns: u32,
    /// Problems listed at most; further ones are counted in a closing
    /// problem (default 100,000).
    pub max_problems: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_uncompressed: 4 * 1024 * MIB,
            max_part_in_memory: 256 * MIB,
            max_ratio: 1000,
            ratio_min_size: 100 * MIB,
            max_file: 2 * 1024 * MIB,
            max_line: 16 * MIB,
            max_text: 1024 * MIB,
            max_range_cells: 6_000_000,
            max_rows: EXCEL_ROWS,
            max_columns: EXCEL_COLUMNS,
            max_problems: 100_000,
        }
    }
}

/// A count for messages, with thousands separators: `1,048,576`.
pub(crate) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A byte count for messages: `4 GiB`, `1.5 MiB`, `812 bytes`.
pub(crate) fn bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1024 * MIB), ("MiB", MIB), ("KiB", 1024)];
    for (name, size) in UNITS {
        if n >= size {
            let whole = n / size;
            let tenths = (n % size) * 10 / size;
            return if tenths == 0 { format!("{whole} {name}") } else { format!("{whole}.{tenths} {name}") };
        }
    }
    format!("{n} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(bytes(4 * 1024 * MIB), "4 GiB");
        assert_eq!(bytes(MIB + MIB / 2), "1.5 MiB");
        assert_eq!(bytes(812), "812 bytes");
        assert_eq!(count(1_048_576), "1,048,576");
        assert_eq!(count(16_384), "16,384");
        assert_eq!(count(999), "999");
        assert_eq!(count(0), "0");
    }
}
