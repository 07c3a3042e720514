//! One row per item, for spreadsheets.

use crate::extract::Item;

pub const HEADER: [&str; 17] = [
    "id",
    "kind",
    "date",
    "end_date",
    "title",
    "themes",
    "doc",
    "quote",
    "span_start",
    "span_end",
    "subject",
    "value",
    "unit",
    "quantity_text",
    "qualifier",
    "deadline",
    "policy_title",
];

/// Text taken from articles can start with a character a spreadsheet treats as a
/// formula (=, +, -, @); a leading apostrophe keeps it text when the file is opened.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// RFC 4180 quoting: fields with commas, quotes or line breaks are quoted.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV text of the items.
pub fn write<'a>(items: impl IntoIterator<Item = &'a Item>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every cell is UTF-8.
    let _ = write_to(&mut out, items);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the CSV row by row as the items come, so an export of any size is never
/// held whole in memory.
pub fn write_to<'a>(
    out: &mut dyn std::io::Write,
    items: impl IntoIterator<Item = &'a Item>,
) -> std::io::Result<()> {
    out.write_all(HEADER.join(",").as_bytes())?;
    out.write_all(b"\n")?;
    for it in items {
        let q = it.quantity.as_ref();
        let row = [
            it.id.clone(),
            it.kind.as_str().to_string(),
            it.date.to_string(),
            it.end_date.map(|d| d.to_string()).unwrap_or_default(),
            text(&it.title),
            it.themes.join(";"),
            text(&it.doc),
            text(&it.quote),
            it.span[0].to_string(),
            it.span[1].to_string(),
            text(it.subject.as_deref().unwrap_or_default()),
            q.map(|q| q.value.to_string()).unwrap_or_default(),
            q.map(|q| q.unit.clone()).unwrap_or_default(),
            q.map(|q| text(&q.text)).unwrap_or_default(),
            q.map(|q| {
                serde_json::to_value(q.qualifier)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            })
            .unwrap_or_default(),
            it.deadline.map(|d| d.to_string()).unwrap_or_default(),
            text(it.policy_title.as_deref().unwrap_or_default()),
        ];
        let cells: Vec<String> = row.iter().map(|s| field(s)).collect();
        out.write_all(cells.join(",").as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formula_guard() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text("-5"), "'-5");
        assert_eq!(text("上海"), "上海");
    }
}
