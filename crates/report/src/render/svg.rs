//! Inline SVG charts for the HTML report: pie (donut), horizontal bars
//! (negative values to the left of zero), stacked columns and lines.
//!
//! Every mark carries a `<title>` with its category, series and shown
//! figure, which browsers show on hover; value labels print the shown
//! figures. Positions are computed from the exact values converted to
//! floating point, which is precise enough for drawing and is used for
//! nothing else. All text is escaped.
//!
//! ```
//! use carbonbook_report::model::{Chart, ChartKind, Figure, Series};
//! use rust_decimal_macros::dec;
//! let f = |v| Figure { exact: v, shown: v.to_string(), rounded: true, source: None };
//! let chart = Chart { id: "demo", kind: ChartKind::Pie, title: "<Demo>".into(), unit: "t".into(),
//!     categories: vec!["A & B".into(), "C".into()],
//!     series: vec![Series { name: "t".into(), values: vec![f(dec!(3)), f(dec!(1))] }] };
//! let svg = carbonbook_report::render::svg::chart(&chart);
//! assert!(svg.starts_with("<svg"));
//! assert!(svg.contains("A &amp; B: 3 t") && !svg.contains("<Demo>"));
//! ```

use std::fmt::Write as _;

use crate::model::{Chart, ChartKind, Figure};
use crate::render::html::escape;

/// Series colours, in order.
const PALETTE: [&str; 8] = ["#1f6f5c", "#d9952b", "#3f73a8", "#b04a43", "#7564a8", "#5f8f2f", "#8c6d4f", "#6b7780"];
/// Width of every chart, in SVG units (the viewBox; the chart scales).
const WIDTH: f64 = 640.0;

fn value(f: &Figure) -> f64 {
    carbonbook_core::rounding::to_f64_lossy(f.exact)
}

fn color(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// The chart as an `<svg>` element.
pub fn chart(c: &Chart) -> String {
    match c.kind {
        ChartKind::Pie => pie(c),
        ChartKind::Bar => bars(c),
        ChartKind::StackedColumn => stacked(c),
        ChartKind::Line => line(c),
    }
}

fn open(out: &mut String, c: &Chart, height: f64) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}" class="chart chart-{}">"#,
        escape(&c.title),
        c.id
    );
}

fn tip(category: &str, series: Option<&str>, f: &Figure, unit: &str) -> String {
    match series {
        Some(s) => format!("<title>{}, {}: {} {}</title>", escape(category), escape(s), escape(&f.shown), escape(unit)),
        None => format!("<title>{}: {} {}</title>", escape(category), escape(&f.shown), escape(unit)),
    }
}

fn empty(out: &mut String) {
    let _ = write!(out, r##"<text x="{}" y="40" text-anchor="middle" class="muted">—</text></svg>"##, WIDTH / 2.0);
}

fn pie(c: &Chart) -> String {
    let mut out = String::new();
    let height = 240.0_f64.max(40.0 + 22.0 * c.categories.len() as f64);
    open(&mut out, c, height);
    let Some(series) = c.series.first() else {
        empty(&mut out);
        return out;
    };
    let values: Vec<f64> = series.values.iter().map(|f| value(f).max(0.0)).collect();
    let total: f64 = values.iter().sum();
    if total <= 0.0 {
        empty(&mut out);
        return out;
    }
    let (cx, cy, r, inner) = (120.0, height / 2.0, 100.0, 55.0);
    let mut angle = -std::f64::consts::FRAC_PI_2;
    for (i, (v, f)) in values.iter().zip(&series.values).enumerate() {
        let cat = c.categories.get(i).map_or("", String::as_str);
        let sweep = v / total * std::f64::consts::TAU;
        if sweep <= 0.0 {
            continue;
        }
        let tip = tip(cat, None, f, &c.unit);
        if sweep >= std::f64::consts::TAU - 1e-9 {
            let _ = write!(
                out,
                r#"<circle cx="{cx}" cy="{cy}" r="{}" fill="none" stroke="{}" stroke-width="{}">{tip}</circle>"#,
                (r + inner) / 2.0,
                color(i),
                r - inner
            );
        } else {
            let end = angle + sweep;
            let large = i32::from(sweep > std::f64::consts::PI);
            let p = |a: f64, rad: f64| (cx + rad * a.cos(), cy + rad * a.sin());
            let (x1, y1) = p(angle, r);
            let (x2, y2) = p(end, r);
            let (x3, y3) = p(end, inner);
            let (x4, y4) = p(angle, inner);
            let _ = write!(
                out,
                r##"<path d="M{x1:.2},{y1:.2} A{r},{r} 0 {large} 1 {x2:.2},{y2:.2} L{x3:.2},{y3:.2} A{inner},{inner} 0 {large} 0 {x4:.2},{y4:.2} Z" fill="{}" stroke="#fff" stroke-width="1">{tip}</path>"##,
                color(i)
            );
            angle = end;
        }
    }
    let _ =
        write!(out, r#"<text x="{cx}" y="{}" text-anchor="middle" class="muted">{}</text>"#, cy + 4.0, escape(&c.unit));
    let top = cy - 11.0 * c.categories.len() as f64;
    for (i, f) in series.values.iter().enumerate() {
        let cat = c.categories.get(i).map_or("", String::as_str);
        let y = top + 22.0 * i as f64;
        let _ = write!(
            out,
            r#"<rect x="260" y="{}" width="12" height="12" fill="{}"/><text x="280" y="{}">{}<tspan class="value" x="{}" text-anchor="end">{}</tspan></text>"#,
            y,
            color(i),
            y + 10.5,
            escape(cat),
            WIDTH - 10.0,
            escape(&f.shown)
        );
    }
    out.push_str("</svg>");
    out
}

fn bars(c: &Chart) -> String {
    let mut out = String::new();
    let n = c.categories.len();
    let height = 30.0 + 30.0 * n as f64;
    open(&mut out, c, height);
    let Some(series) = c.series.first() else {
        empty(&mut out);
        return out;
    };
    let values: Vec<f64> = series.values.iter().map(value).collect();
    let max = values.iter().fold(0.0_f64, |m, v| m.max(*v));
    let min = values.iter().fold(0.0_f64, |m, v| m.min(*v));
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    // Room left of the bars for the labels of negative values.
    let (left, right) = (if min < 0.0 { 270.0 } else { 200.0 }, WIDTH - 90.0);
    let scale = (right - left) / span;
    let zero = left + (-min) * scale;
    for (i, (v, f)) in values.iter().zip(&series.values).enumerate() {
        let cat = c.categories.get(i).map_or("", String::as_str);
        let y = 15.0 + 30.0 * i as f64;
        let (x, w) = if *v >= 0.0 { (zero, v * scale) } else { (zero + v * scale, -v * scale) };
        let _ = write!(
            out,
            r#"<text x="192" y="{}" text-anchor="end">{}</text><rect x="{x:.2}" y="{y}" width="{:.2}" height="18" fill="{}">{}</rect>"#,
            y + 13.0,
            escape(cat),
            w.max(0.5),
            if *v < 0.0 { color(3) } else { color(0) },
            tip(cat, None, f, &c.unit)
        );
        let (lx, anchor) = if *v >= 0.0 { (x + w + 4.0, "start") } else { (x - 4.0, "end") };
        let _ = write!(
            out,
            r#"<text x="{lx:.2}" y="{}" text-anchor="{anchor}" class="value">{}</text>"#,
            y + 13.0,
            escape(&f.shown)
        );
    }
    let _ = write!(
        out,
        r##"<line x1="{zero:.2}" y1="8" x2="{zero:.2}" y2="{}" stroke="#333" stroke-width="1"/><text x="{}" y="{}" text-anchor="end" class="muted">{}</text></svg>"##,
        height - 12.0,
        WIDTH - 4.0,
        height - 2.0,
        escape(&c.unit)
    );
    out
}

/// A round step for about four grid lines up to `max`.
fn step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// A grid value with as many decimals as its step needs (no float noise).
fn tick(v: f64, step: f64) -> String {
    let decimals = (0..10).find(|d| (step * 10f64.powi(*d)).fract().abs() < 1e-6).unwrap_or(10) as usize;
    format!("{v:.decimals$}")
}

fn legend(out: &mut String, c: &Chart, y: f64) {
    let mut x = 60.0;
    for (i, s) in c.series.iter().enumerate() {
        let _ = write!(
            out,
            r#"<rect x="{x}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}">{}</text>"#,
            y - 10.0,
            color(i),
            x + 16.0,
            y,
            escape(&s.name)
        );
        x += 28.0 + 7.0 * s.name.chars().map(|ch| if ch.is_ascii() { 1.0 } else { 1.8 }).sum::<f64>();
    }
}

fn grid(out: &mut String, max: f64, top: f64, bottom: f64, unit: &str) -> f64 {
    let st = step(max);
    let ceiling = (max / st).ceil().max(1.0) * st;
    let mut v = 0.0;
    while v <= ceiling + st * 1e-9 {
        let y = bottom - v / ceiling * (bottom - top);
        let _ = write!(
            out,
            r##"<line x1="70" y1="{y:.2}" x2="{}" y2="{y:.2}" stroke="#ddd"/><text x="64" y="{:.2}" text-anchor="end" class="muted">{}</text>"##,
            WIDTH - 10.0,
            y + 4.0,
            tick(v, st)
        );
        v += st;
    }
    let _ = write!(out, r#"<text x="10" y="{}" class="muted">{}</text>"#, top - 8.0, escape(unit));
    ceiling
}

fn stacked(c: &Chart) -> String {
    let mut out = String::new();
    let height = 300.0;
    open(&mut out, c, height);
    let n = c.categories.len();
    if n == 0 || c.series.is_empty() {
        empty(&mut out);
        return out;
    }
    let (top, bottom) = (30.0, height - 60.0);
    let totals: Vec<f64> =
        (0..n).map(|i| c.series.iter().filter_map(|s| s.values.get(i)).map(|f| value(f).max(0.0)).sum()).collect();
    let max = totals.iter().fold(0.0_f64, |m, v| m.max(*v));
    let ceiling = grid(&mut out, max, top, bottom, &c.unit);
    let slot = (WIDTH - 80.0) / n as f64;
    let width = (slot * 0.6).min(80.0);
    for (i, cat) in c.categories.iter().enumerate() {
        let x = 75.0 + slot * i as f64 + (slot - width) / 2.0;
        let mut y = bottom;
        for (k, s) in c.series.iter().enumerate() {
            let Some(f) = s.values.get(i) else { continue };
            let h = value(f).max(0.0) / ceiling * (bottom - top);
            y -= h;
            let _ = write!(
                out,
                r#"<rect x="{x:.2}" y="{y:.2}" width="{width:.2}" height="{h:.2}" fill="{}">{}</rect>"#,
                color(k),
                tip(cat, Some(&s.name), f, &c.unit)
            );
            if h >= 14.0 {
                let _ = write!(
                    out,
                    r#"<text x="{:.2}" y="{:.2}" text-anchor="middle" class="inside">{}</text>"#,
                    x + width / 2.0,
                    y + h / 2.0 + 4.0,
                    escape(&f.shown)
                );
            }
        }
        let _ = write!(
            out,
            r#"<text x="{:.2}" y="{}" text-anchor="middle">{}</text>"#,
            x + width / 2.0,
            bottom + 16.0,
            escape(cat)
        );
    }
    legend(&mut out, c, height - 12.0);
    out.push_str("</svg>");
    out
}

fn line(c: &Chart) -> String {
    let mut out = String::new();
    let height = 280.0;
    open(&mut out, c, height);
    let n = c.categories.len();
    if n == 0 || c.series.is_empty() {
        empty(&mut out);
        return out;
    }
    let (top, bottom) = (30.0, height - 60.0);
    let max = c.series.iter().flat_map(|s| s.values.iter()).map(value).fold(0.0_f64, f64::max);
    let ceiling = grid(&mut out, max, top, bottom, &c.unit);
    let slot = (WIDTH - 120.0) / (n.max(2) - 1) as f64;
    let x_of = |i: usize| 100.0 + slot * i as f64;
    for (i, cat) in c.categories.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{:.2}" y="{}" text-anchor="middle">{}</text>"#,
            x_of(i),
            bottom + 16.0,
            escape(cat)
        );
    }
    for (k, s) in c.series.iter().enumerate() {
        let points: Vec<(f64, f64)> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, f)| (x_of(i), bottom - value(f).max(0.0) / ceiling * (bottom - top)))
            .collect();
        let path: Vec<String> = points.iter().map(|(x, y)| format!("{x:.2},{y:.2}")).collect();
        let _ = write!(
            out,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>"#,
            path.join(" "),
            color(k)
        );
        for (i, ((x, y), f)) in points.iter().zip(&s.values).enumerate() {
            let cat = c.categories.get(i).map_or("", String::as_str);
            let _ = write!(
                out,
                r#"<circle cx="{x:.2}" cy="{y:.2}" r="4" fill="{}">{}</circle><text x="{x:.2}" y="{:.2}" text-anchor="middle" class="value">{}</text>"#,
                color(k),
                tip(cat, Some(&s.name), f, &c.unit),
                y - 9.0,
                escape(&f.shown)
            );
        }
    }
    legend(&mut out, c, height - 12.0);
    out.push_str("</svg>");
    out
}
