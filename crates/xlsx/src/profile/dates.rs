//! Periods from foreign cells: dates written as text in a declared format
//! (`15.03.2024` under `%d.%m.%Y`), and the headers of wide tables (`Jan`,
//! `1月`, `2024-01`, `2015`, a date cell).
//!
//! A period of workbook-v1 is a month or a year; a date is read as its
//! month, as a date cell is.

use carbonbook_core::period::Period;
use chrono::format::{Item, Numeric, ParseErrorKind, Parsed, StrftimeItems};

use crate::read::{date, number};

/// A date format declared by a profile: chrono's strftime syntax
/// (`%d/%m/%Y`), or one of the spreadsheet-style forms (`dd/mm/yyyy`),
/// translated once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateFormat {
    /// As the profile writes it, for messages.
    pub(crate) written: String,
    /// The strftime form.
    strftime: String,
    /// Whether the format names a month (else it gives years).
    has_month: bool,
}

impl DateFormat {
    /// Checks a format: a strftime text (with `%`) or a spreadsheet-style
    /// form made of `yyyy`, `yy`, `mmmm`, `mmm`, `mm`, `m`, `dd`, `d` and
    /// separators. It must name a year.
    pub(crate) fn new(written: &str) -> Result<DateFormat, String> {
        let strftime = if written.contains('%') { written.to_owned() } else { translate(written)? };
        let mut has_year = false;
        let mut has_month = false;
        for item in StrftimeItems::new(&strftime) {
            match item {
                Item::Error => {
                    return Err(format!(
                        "format = \"{written}\" is not a date format: use chrono's strftime (\"%d/%m/%Y\") or a form such as \"dd/mm/yyyy\""
                    ));
                }
                Item::Numeric(Numeric::Year | Numeric::YearMod100 | Numeric::IsoYear | Numeric::IsoYearMod100, _) => {
                    has_year = true
                }
                Item::Numeric(Numeric::Month | Numeric::Ordinal | Numeric::IsoWeek, _)
                | Item::Fixed(chrono::format::Fixed::ShortMonthName | chrono::format::Fixed::LongMonthName) => {
                    has_month = true
                }
                _ => {}
            }
        }
        if !has_year {
            return Err(format!("format = \"{written}\" names no year (%Y, %y or yyyy)"));
        }
        Ok(DateFormat { written: written.to_owned(), strftime, has_month })
    }

    /// The period a text in this format gives: its month (or its year when
    /// the format names no month).
    ///
    /// # Errors
    ///
    /// Why the text does not match, for messages.
    pub(crate) fn period(&self, text: &str) -> Result<Period, String> {
        let t = number::half_width_text(text);
        let t = number::trim_space(&t);
        let mut parsed = Parsed::new();
        chrono::format::parse(&mut parsed, t, StrftimeItems::new(&self.strftime)).map_err(|e| e.to_string())?;
        if !self.has_month {
            let _ = parsed.set_month(1);
        }
        if parsed.day().is_none() && parsed.ordinal().is_none() && parsed.isoweek().is_none() {
            let _ = parsed.set_day(1);
        }
        let day = parsed.to_naive_date().map_err(|e| match e.kind() {
            ParseErrorKind::Impossible | ParseErrorKind::OutOfRange => "no such date".to_owned(),
            _ => e.to_string(),
        })?;
        use chrono::Datelike;
        let year = day.year();
        if self.has_month {
            Period::month(year, u8::try_from(day.month()).unwrap_or(0))
                .map_err(|_| format!("the year {year} is outside 1900–9999"))
        } else if (1900..=9999).contains(&year) {
            Ok(Period::Year(year))
        } else {
            Err(format!("the year {year} is outside 1900–9999"))
        }
    }
}

/// A spreadsheet-style form (`dd/mm/yyyy`) as strftime (`%d/%m/%Y`).
fn translate(form: &str) -> Result<String, String> {
    let mut out = String::new();
    let chars: Vec<char> = form.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].to_ascii_lowercase();
        let run = chars[i..].iter().take_while(|x| x.to_ascii_lowercase() == c).count();
        let spec = match (c, run) {
            ('y', 4) => "%Y",
            ('y', 2) => "%y",
            ('m', 4) => "%B",
            ('m', 3) => "%b",
            ('m', 1 | 2) => "%m",
            ('d', 1 | 2) => "%d",
            ('y' | 'm' | 'd', _) => {
                return Err(format!(
                    "format = \"{form}\": \"{}\" is not a part of a date form (yyyy, yy, mmmm, mmm, mm, m, dd, d)",
                    chars[i..i + run].iter().collect::<String>()
                ));
            }
            _ if chars[i].is_ascii_alphabetic() => {
                return Err(format!(
                    "format = \"{form}\": \"{}\" is not a part of a date form (yyyy, yy, mmmm, mmm, mm, m, dd, d); for other forms write a strftime format such as \"%d/%m/%Y\"",
                    chars[i]
                ));
            }
            _ => {
                out.push(chars[i]);
                i += 1;
                continue;
            }
        };
        out.push_str(spec);
        i += run;
    }
    Ok(out)
}

/// English month names and their abbreviations (`Sept` too).
const MONTHS: [(&str, &str); 12] = [
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may", "may"),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
];

/// Chinese numerals for months (`一月` … `十二月`).
const CN_MONTHS: [&str; 12] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

/// The month (1–12) a bare month name means: `Jan`, `January`, `Jan.`,
/// `Sept`, `1月`, `01月`, `一月`, `十二月` (case-insensitive; full-width
/// digits allowed).
pub(crate) fn month_name(text: &str) -> Option<u8> {
    let t = number::half_width_text(text);
    let t = number::trim_space(&t).trim_end_matches('.').to_lowercase();
    if let Some(n) = t.strip_suffix('月') {
        let n = number::trim_space(n);
        if let Some(i) = CN_MONTHS.iter().position(|m| *m == n) {
            return u8::try_from(i + 1).ok();
        }
        return n.parse::<u8>().ok().filter(|m| (1..=12).contains(m));
    }
    if t == "sept" {
        return Some(9);
    }
    MONTHS.iter().position(|(short, long)| t == *short || t == *long).and_then(|i| u8::try_from(i + 1).ok())
}

/// The period a header of a wide table names: a year (`2015`, a number
/// cell), a month (`2024-01`, `2024年1月`, `Jan 2024`, `January-2024`, a
/// full date), or a bare month name (`Jan`, `1月`) in `year`. With a
/// declared format, the format reads the text.
///
/// # Errors
///
/// Why the header names no period, for messages.
pub(crate) fn header_period(text: &str, year: Option<i32>, format: Option<&DateFormat>) -> Result<Period, String> {
    if let Some(f) = format {
        return f.period(text).map_err(|e| format!("is not a date written as \"{}\" ({e})", f.written));
    }
    if let Some(p) = date::period_text(text) {
        return Ok(p);
    }
    if let Some(m) = month_name(text) {
        return match year {
            Some(y) => Period::month(y, m).map_err(|e| e.to_string()),
            None => Err("is a month without a year: give unpivot.year or organisation.reporting_year".to_owned()),
        };
    }
    // `Jan 2024`, `January-2024`, `2024 Jan`.
    let t = number::half_width_text(text);
    let parts: Vec<&str> =
        t.split(|c: char| number::is_space(c) || c == '-' || c == '/').filter(|p| !p.is_empty()).collect();
    if let [a, b] = parts.as_slice() {
        let (name, y) = if a.len() == 4 && a.bytes().all(|c| c.is_ascii_digit()) { (b, a) } else { (a, b) };
        if let (Some(m), true) = (month_name(name), y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit())) {
            let y: i32 = y.parse().map_err(|_| "is not a year".to_owned())?;
            return Period::month(y, m).map_err(|e| e.to_string());
        }
    }
    Err(format!(
        "is not a month or a year (expected {}, a month name such as Jan or 1月, or a date)",
        date::PERIOD_EXPECTED
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(year: i32, month: u8) -> Period {
        Period::Month { year, month }
    }

    #[test]
    fn text_dates_in_declared_formats() {
        let dmy = DateFormat::new("%d/%m/%Y").unwrap();
        // The UK flat file's "Next publication date": 1 June 2021, not 6 January.
        assert_eq!(dmy.period("1/06/2021"), Ok(month(2021, 6)));
        assert_eq!(dmy.period(" 15/03/2024 "), Ok(month(2024, 3)));
        assert!(dmy.period("2024-03-15").is_err());
        assert_eq!(dmy.period("31/02/2024"), Err("no such date".to_owned()));
        let dots = DateFormat::new("dd.mm.yyyy").unwrap();
        assert_eq!(dots.period("15.03.2024"), Ok(month(2024, 3)));
        assert_eq!(dots.written, "dd.mm.yyyy");
        let mdy = DateFormat::new("mm/dd/yyyy").unwrap();
        assert_eq!(mdy.period("1/06/2021"), Ok(month(2021, 1)));
        // EEA CSV: two-digit years, month names.
        let eea = DateFormat::new("%d-%b-%y").unwrap();
        assert_eq!(eea.period("30-Sep-20"), Ok(month(2020, 9)));
        assert_eq!(DateFormat::new("mmm yyyy").unwrap().period("Mar 2024"), Ok(month(2024, 3)));
        assert_eq!(DateFormat::new("%m/%Y").unwrap().period("3/2024"), Ok(month(2024, 3)));
        assert_eq!(DateFormat::new("FY%Y").unwrap().period("FY2023"), Ok(Period::Year(2023)));
        assert_eq!(DateFormat::new("%d/%m/%Y %H:%M").unwrap().period("01/06/2021 10:30"), Ok(month(2021, 6)));
        assert_eq!(DateFormat::new("yyyy年m月d日").unwrap().period("2024年3月15日"), Ok(month(2024, 3)));
    }

    #[test]
    fn bad_formats_are_named() {
        assert!(DateFormat::new("%d/%m").unwrap_err().contains("names no year"));
        assert!(DateFormat::new("%Q/%Y").unwrap_err().contains("is not a date format"));
        assert!(DateFormat::new("dd/mmmmm/yyyy").unwrap_err().contains("\"mmmmm\" is not a part"));
        assert!(DateFormat::new("dd/mm/yyyy hh").unwrap_err().contains("\"h\" is not a part"));
    }

    #[test]
    fn month_names() {
        for (t, m) in [("Jan", 1), ("january", 1), ("Sept", 9), ("Sep.", 9), ("DEC", 12), ("1月", 1), ("12月", 12)] {
            assert_eq!(month_name(t), Some(m), "{t}");
        }
        for (t, m) in [("01月", 1), ("１２月", 12), ("一月", 1), ("十月", 10), ("十一月", 11), ("十二月", 12)]
        {
            assert_eq!(month_name(t), Some(m), "{t}");
        }
        for t in ["13月", "Janu", "M1", "", "月", "Total", "合计"] {
            assert_eq!(month_name(t), None, "{t}");
        }
    }

    #[test]
    fn headers_of_wide_tables() {
        let h = |t: &str| header_period(t, Some(2024), None);
        assert_eq!(h("Jan"), Ok(month(2024, 1)));
        assert_eq!(h("3月"), Ok(month(2024, 3)));
        assert_eq!(h("2015"), Ok(Period::Year(2015)));
        assert_eq!(h("2023-11"), Ok(month(2023, 11)));
        assert_eq!(h("2023年11月"), Ok(month(2023, 11)));
        assert_eq!(h("2023-11-01"), Ok(month(2023, 11)));
        assert_eq!(h("Feb 2023"), Ok(month(2023, 2)));
        assert_eq!(h("2023 Feb"), Ok(month(2023, 2)));
        assert_eq!(h("February-2023"), Ok(month(2023, 2)));
        assert!(h("Total").unwrap_err().starts_with("is not a month or a year"));
        assert!(h("Feb 23").is_err(), "a two-digit year needs a declared format");
        let e = header_period("Jan", None, None).unwrap_err();
        assert!(e.contains("give unpivot.year or organisation.reporting_year"), "{e}");
        let f = DateFormat::new("%b-%y").unwrap();
        assert_eq!(header_period("Feb-23", None, Some(&f)), Ok(month(2023, 2)));
        let e = header_period("2023-02", None, Some(&f)).unwrap_err();
        assert!(e.starts_with("is not a date written as \"%b-%y\""), "{e}");
    }
}
