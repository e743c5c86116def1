//! The Instructions sheet, in English and Chinese: what each sheet and
//! column means, the units accepted, the methodology and GWP choices, and
//! how errors are reported.

use carbonbook_core::gas::GwpSet;
use carbonbook_core::method;
use carbonbook_core::units::Unit;
use rust_xlsxwriter::{Format, RowNum, Worksheet};

use super::columns::{Column, FIELDS, ORGANISATION, SHEETS, Sheet};
use crate::write_error::WriteError;
use crate::{describe, style};

/// The sheet's name.
pub(super) const SHEET: &str = "Instructions";

/// General rules: (English, Chinese).
const GENERAL: &[(&str, &str)] = &[
    (
        "Fill in the sheets Organisation, Facilities, Activities and, when you have them, Production, Factors and Trading. Keep the header row (row 1) of each sheet; data start in row 2.",
        "请填写“组织”“设施”“活动数据”工作表，如有则填写“产品产量”“排放因子”“碳交易”。保留各表第 1 行表头，数据从第 2 行开始。",
    ),
    (
        "Sheet and header names match case-insensitively; each sheet also accepts its Chinese name. Columns may come in any order; unknown columns are kept and ignored (with a warning).",
        "工作表名和表头不区分大小写；各工作表也可使用中文名。列的顺序不限；无法识别的列将被忽略（并给出警告）。",
    ),
    (
        "A number may be a number cell or text holding a number (1,234.5); a percentage may be 0.98, 98% or a percent cell. Empty rows are skipped; a row with some but not all required cells is an error.",
        "数值可以是数字单元格，也可以是表示数字的文本（如 1,234.5）；百分比可写作 0.98、98% 或百分比格式单元格。空行将被跳过；必填项不完整的行会报错。",
    ),
    (
        "Drop-down lists offer the built-in keys; other values (custom factor keys, unit aliases such as 万千瓦时) can still be typed.",
        "下拉列表给出内置代码；仍可输入其他值（如自定义因子代码、万千瓦时 等单位别名）。",
    ),
    (
        "Check the book: carbonbook validate BOOK.xlsx. Compute: carbonbook calc BOOK.xlsx -o RESULTS.xlsx (or --format json).",
        "检查：carbonbook validate BOOK.xlsx。计算：carbonbook calc BOOK.xlsx -o RESULTS.xlsx（或 --format json）。",
    ),
    (
        "Errors name the cell with its sheet, e.g. Activities!E5: quantity must be a number, found \"abc\". All errors of a book are reported in one run; nothing is written until there are none.",
        "错误信息会注明工作表和单元格，如 Activities!E5: quantity must be a number, found \"abc\"。一次运行会报告全部错误；有错误时不输出结果。",
    ),
];

/// GWP sets: (set, Chinese).
const GWP: [(GwpSet, &str); 4] = [
    (
        GwpSet::Sar,
        "IPCC 第二次评估报告（1995），100 年 GWP（《联合国气候变化框架公约》报告所用；国家 24 个行业核算指南规定）",
    ),
    (GwpSet::Ar4, "IPCC 第四次评估报告（2007），100 年 GWP"),
    (GwpSet::Ar5, "IPCC 第五次评估报告（2013），100 年 GWP（默认；不含气候-碳反馈）"),
    (GwpSet::Ar6, "IPCC 第六次评估报告（2021），100 年 GWP"),
];

struct Rows<'a> {
    sheet: &'a mut Worksheet,
    row: RowNum,
    wrap: Format,
    section: Format,
    header: Format,
}

impl Rows<'_> {
    fn section(&mut self, en: &str, zh: &str) -> Result<(), WriteError> {
        self.row += 1;
        self.sheet.write_string_with_format(self.row, 0, en, &self.section)?;
        self.sheet.write_string_with_format(self.row, 3, zh, &self.section)?;
        self.row += 1;
        Ok(())
    }

    fn header(&mut self, cells: [&str; 4]) -> Result<(), WriteError> {
        for (c, text) in (0..).zip(cells) {
            self.sheet.write_string_with_format(self.row, c, text, &self.header)?;
        }
        self.row += 1;
        Ok(())
    }

    fn line(&mut self, cells: [&str; 4]) -> Result<(), WriteError> {
        for (c, text) in (0..).zip(cells) {
            if !text.is_empty() {
                self.sheet.write_string_with_format(self.row, c, text, &self.wrap)?;
            }
        }
        // Wrapped text needs its height set: LibreOffice and printing do
        // not grow a row to fit, and the lines would overlap the next row.
        let lines = (0..).zip(cells).map(|(c, text)| wrapped_lines(text, WIDTHS[c])).max().unwrap_or(1);
        if lines > 1 {
            self.sheet.set_row_height(self.row, 15.0 * f64::from(lines))?;
        }
        self.row += 1;
        Ok(())
    }

    fn columns(&mut self, sheet: &Sheet, columns: impl Iterator<Item = &'static Column>) -> Result<(), WriteError> {
        self.section(&format!("{} [{}]: {}", sheet.name, sheet.alias, sheet.en), sheet.zh)?;
        self.header(["Column", "Required", "Meaning", "说明"])?;
        for c in columns {
            self.line([c.name.name(), c.required, c.en, c.zh])?;
        }
        Ok(())
    }
}

/// The columns' widths, in characters.
const WIDTHS: [f64; 4] = [34.0, 12.0, 70.0, 60.0];

/// How many lines `text` takes in a column `width` characters wide, a
/// Chinese character counting as two.
fn wrapped_lines(text: &str, width: f64) -> u32 {
    let chars: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    // Wrapping breaks at spaces, so a line holds a little less than the width.
    let per_line = (width * 0.9).max(1.0) as usize;
    u32::try_from(chars.div_ceil(per_line)).unwrap_or(u32::MAX).max(1)
}

/// Writes the sheet.
pub(super) fn write(sheet: &mut Worksheet) -> Result<(), WriteError> {
    crate::table::print_layout(sheet, None);
    for (c, width) in (0..).zip(WIDTHS) {
        sheet.set_column_width(c, width)?;
    }
    sheet.write_string_with_format(0, 0, "carbonbook workbook (version 1): instructions", &style::title())?;
    sheet.write_string_with_format(0, 3, "carbonbook 工作簿（第 1 版）填写说明", &style::title())?;
    let mut rows = Rows { sheet, row: 1, wrap: style::wrap(), section: style::section(), header: style::header() };

    rows.section("General rules", "填写规则")?;
    for (en, zh) in GENERAL {
        rows.line(["", "", en, zh])?;
    }

    rows.columns(&ORGANISATION, FIELDS.iter().map(|f| &f.spec))?;
    for sheet in &SHEETS {
        rows.columns(sheet, sheet.columns.iter())?;
    }

    rows.section("Methodologies (Organisation: methodology)", "核算方法（组织表 methodology）")?;
    rows.header(["Id", "", "Standard", ""])?;
    for m in method::ALL {
        rows.line([m.id(), "", m.title(), ""])?;
    }

    rows.section("GWP sets (Organisation: gwp)", "全球变暖潜势取值（组织表 gwp）")?;
    rows.header(["Set", "", "Meaning", "说明"])?;
    for (set, zh) in GWP {
        rows.line([set.code(), "", describe::gwp_set(set), zh])?;
    }

    // The keys of the default methodology with the standards' names; the
    // drop-down lists them first, then every other methodology's.
    if let Some(m) = method::ALL.first() {
        rows.section(
            &format!("Activity keys of {} (Activities: activity), as the drop-down lists them first", m.id()),
            "默认核算方法的活动代码（活动数据表 activity），下拉列表首先列出；也可直接填写中文名称",
        )?;
        rows.header(["Key", "", "Name", "名称"])?;
        let library = carbonbook_core::factors::FactorLibrary::builtin();
        for key in &super::lists::methodology_keys(0, &library) {
            let (en, zh) = carbonbook_core::factors::activity_names(key).unwrap_or(("", ""));
            rows.line([key, "", en, zh])?;
        }
    }
    rows.section("Units accepted (Activities: unit)", "可用单位（活动数据表 unit）")?;
    rows.header(["Unit", "", "Measures", "Also written as / 其他写法"])?;
    for u in Unit::ALL {
        let also = u.spellings().iter().skip(1).copied().collect::<Vec<_>>().join(", ");
        rows.line([u.symbol(), "", &u.dimension().to_string(), &also])?;
    }
    Ok(())
}
