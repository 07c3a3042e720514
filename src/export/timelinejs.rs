//! TimelineJS JSON (<https://timeline.knightlab.com/docs/json-format.html>): the
//! filtered items as slides, to publish a timeline on the web.
//!
//! Only the date parts that are known are written: a year-precision item gets
//! `{"year": 2025}`, never an invented 1 January, so TimelineJS shows "2025".
//! TimelineJS renders `text` as HTML, so every text from the articles is escaped.

use crate::chart::{lane_label, source_line};
use crate::extract::display::format_qualified;
use crate::extract::{Item, Kind};
use crate::model::{Corpus, View};
use crate::time::PartialDate;
use serde_json::{Map, Value, json};

/// A TimelineJS date object with only the known parts.
pub fn date(d: &PartialDate) -> Value {
    let mut m = Map::new();
    m.insert("year".into(), json!(d.year));
    if let Some(mo) = d.month {
        m.insert("month".into(), json!(mo));
        if let Some(day) = d.day {
            m.insert("day".into(), json!(day));
        }
    }
    Value::Object(m)
}

fn html(s: &str) -> String {
    super::svg::escape(s)
}

/// When the item ends, if it runs over time: an event's end date, a policy's period,
/// a target's deadline year. None when that is not after the start.
fn end(it: &Item) -> Option<PartialDate> {
    let e = match it.kind {
        Kind::Target => it.deadline.map(PartialDate::year),
        Kind::Policy => it.period.map(|p| PartialDate::year(p[0].max(p[1]))),
        _ => it.end_date,
    }?;
    (e.start() > it.date.start()).then_some(e)
}

pub(crate) fn slide(corpus: &Corpus, it: &Item) -> Value {
    let mut body = format!("<p>{}</p>", html(&it.quote));
    if let Some(q) = &it.quantity {
        let subject = it.subject.as_deref().unwrap_or("");
        let due = it.deadline.map(|d| format!(" ({d})")).unwrap_or_default();
        body.push_str(&format!(
            "<p><b>{} {}</b>{}</p>",
            html(subject),
            html(&format_qualified(q)),
            html(&due)
        ));
    }
    if let Some(d) = corpus.document(&it.doc) {
        let mut src = vec![d.title.clone().unwrap_or_else(|| d.id.clone())];
        src.extend(d.source.clone());
        src.extend(d.published.map(|p| p.to_string()));
        body.push_str(&format!("<p><i>{}</i></p>", html(&src.join(" · "))));
    }
    let mut ev = json!({
        "start_date": date(&it.date),
        "text": {"headline": html(&it.title), "text": body},
        "group": lane_label(it.kind),
        // TimelineJS puts unique_id into the URL fragment, where '#' cannot appear.
        "unique_id": it.id.replace('#', "-"),
    });
    if let (Some(e), Some(obj)) = (end(it), ev.as_object_mut()) {
        obj.insert("end_date".into(), date(&e));
    }
    ev
}

/// The TimelineJS document for the items of the view.
pub fn write(corpus: &Corpus, view: &View) -> Value {
    let events: Vec<Value> = view
        .items
        .iter()
        .filter_map(|&i| corpus.items.get(i))
        .map(|it| slide(corpus, it))
        .collect();
    json!({
        "title": title(corpus, view),
        "events": events,
    })
}

/// The title slide of [`write`].
pub(crate) fn title(corpus: &Corpus, view: &View) -> Value {
    json!({
        "text": {
            "headline": "生物医药时间线 Biomedicine timeline",
            "text": html(&source_line(corpus, &view.items)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_carry_only_known_parts() {
        assert_eq!(date(&PartialDate::year(2025)), json!({"year": 2025}));
        assert_eq!(
            date(&PartialDate::month(2024, 11).unwrap()),
            json!({"year": 2024, "month": 11})
        );
        assert_eq!(
            date(&PartialDate::day(2022, 11, 14).unwrap()),
            json!({"year": 2022, "month": 11, "day": 14})
        );
    }
}
