//! The look shared by the books this crate writes: header rows, titles,
//! notes and number formats.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Fill of header rows.
const HEADER_FILL: u32 = 0xDDEBF7;
/// Fill of cells the user is expected to fill in.
const INPUT_FILL: u32 = 0xFFF2CC;

/// A header cell: bold on a light fill, bordered below, wrapped.
pub(crate) fn header() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(HEADER_FILL))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

/// The title of a sheet.
pub(crate) fn title() -> Format {
    Format::new().set_bold().set_font_size(14)
}

/// The heading of a block of rows.
pub(crate) fn section() -> Format {
    Format::new().set_bold().set_font_size(12)
}

/// An explanatory note.
pub(crate) fn note() -> Format {
    Format::new().set_italic().set_font_color(Color::RGB(0x595959))
}

/// Wrapped text, aligned to the top of its cell.
pub(crate) fn wrap() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}

/// A cell to fill in.
pub(crate) fn input() -> Format {
    Format::new().set_background_color(Color::RGB(INPUT_FILL))
}

/// A number format.
pub(crate) fn number(num_format: &str) -> Format {
    Format::new().set_num_format(num_format)
}

/// Thousands separators and exactly `decimal_places` decimals (at most 15,
/// about what a double holds).
pub(crate) fn fixed(decimal_places: u32) -> Format {
    let dp = decimal_places.min(15) as usize;
    if dp == 0 { number("#,##0") } else { number(&format!("#,##0.{}", "0".repeat(dp))) }
}

/// Text cells (`@`): what is typed stays text (ids, periods, units).
pub(crate) fn text() -> Format {
    number("@")
}
