//! Limits that protect against oversized and malicious files.

/// One mebibyte.
const MIB: u64 = 1024 * 1024;

/// Limits applied when a book is opened and read.
///
/// An .xlsx or .ods file is a zip archive. Before it is handed to the
/// spreadsheet reader, its central directory is checked: the total
/// uncompressed size must stay within [`Limits::max_uncompressed`], and no
/// entry larger than [`Limits::ratio_min_size`] may be compressed more than
/// [`Limits::max_ratio`] to one (a decompression bomb; real sheets compress
/// about 10:1, rarely 100:1). An .xls file and each CSV file must stay within
/// [`Limits::max_file`].
///
/// ```
/// use carbonbook_xlsx::read::Limits;
/// let strict = Limits { max_uncompressed: 512 * 1024 * 1024, ..Limits::default() };
/// assert_eq!(strict.max_ratio, 1000);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Total uncompressed size of a zip-based book, bytes (default 4 GiB).
    pub max_uncompressed: u64,
    /// Highest compression ratio accepted for a large entry (default 1000).
    pub max_ratio: u64,
    /// Entries at most this large (uncompressed, bytes) are not ratio-checked
    /// (default 100 MiB).
    pub ratio_min_size: u64,
    /// Size of an .xls file or of one CSV file, bytes (default 2 GiB).
    pub max_file: u64,
    /// Problems listed at most; further ones are counted in a closing
    /// problem (default 100,000).
    pub max_problems: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_uncompressed: 4 * 1024 * MIB,
            max_ratio: 1000,
            ratio_min_size: 100 * MIB,
            max_file: 2 * 1024 * MIB,
            max_problems: 100_000,
        }
    }
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
    }
}
