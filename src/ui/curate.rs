//! The analyst's corrections in the explorer: the detail panel's actions (reject,
//! restore, merge, split), its edit form, "Add as…" from a selection in the source
//! text, and the banner and list of edits that no longer match an item.
//!
//! Like every panel this only reads and queues [`Command`]s; the app records them in
//! the curation (`model::curation`), writes the file and applies it to the corpus.

use super::Command;
use super::i18n::{self, Lang, tr};
use crate::extract::{Basis, Item, Kind, Qualifier};
use crate::model::Corpus;
use crate::model::curation::{self, Applied, Edit, Fields};
use crate::time::{PartialDate, Precision};
use egui::RichText;
use std::collections::HashMap;

/// The curated mark of the table and the detail panel: ★ edited (merged, split
/// too), + added; None for an item as extracted.
pub fn mark(it: &Item) -> Option<&'static str> {
    match it.curated.as_deref() {
        Some(curation::ADDED) => Some("+"),
        Some(_) => Some("★"),
        None => None,
    }
}

/// What the edit form and the source view keep between frames.
#[derive(Default)]
pub struct CurateState {
    /// The item the drafts are of.
    key: String,
    /// Text typed in a field and not yet recorded (it is recorded when the field is
    /// left, if it is valid), by field.
    drafts: HashMap<&'static str, String>,
    /// Why a draft was refused, by field: shown where it was typed.
    errors: HashMap<&'static str, String>,
    /// The last selection made in the source text: document id and char range. Kept
    /// here because the text field forgets it when a button takes the focus.
    pub selection: Option<(String, [usize; 2])>,
    /// The "Merge with…" list is open.
    merging: bool,
}

impl CurateState {
    /// Drafts of another item are dropped.
    fn follow(&mut self, key: &str) {
        if self.key != key {
            self.key = key.to_string();
            self.drafts.clear();
            self.errors.clear();
            self.merging = false;
        }
    }

    /// Why the draft of a field was refused, if it was.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }
}

/// What the curation controls read.
pub struct CurateInput<'a> {
    pub corpus: &'a Corpus,
    /// The broken curation file's message: nothing can be changed.
    pub read_only: bool,
    /// The item selected before this one (a candidate to merge with).
    pub previous: Option<usize>,
    /// Items related to the selected one (other candidates to merge with).
    pub related: &'a [usize],
    pub lang: Lang,
}

/// Reject / restore, edit, merge and split, and the curated mark.
pub fn actions_ui(
    ui: &mut egui::Ui,
    input: &CurateInput<'_>,
    item: &Item,
    state: &mut CurateState,
    commands: &mut Vec<Command>,
) {
    let lang = input.lang;
    state.follow(&item.key);
    let rejected = input.corpus.is_rejected(item);
    let enabled = !input.read_only;
    ui.horizontal_wrapped(|ui| {
        if rejected {
            ui.label(
                RichText::new(tr(lang, "已驳回", "rejected"))
                    .color(ui.visuals().error_fg_color)
                    .strong(),
            );
            if ui
                .add_enabled(enabled, egui::Button::new(tr(lang, "恢复", "Restore")))
                .clicked()
            {
                commands.push(Command::Restore(item.key.clone()));
            }
        } else if ui
            .add_enabled(
                enabled,
                egui::Button::new(tr(lang, "驳回 (Del)", "Reject (Del)")),
            )
            .on_hover_text(tr(
                lang,
                "从时间轴上去掉这一条（可撤销）",
                "Take the item off the timeline (can be undone)",
            ))
            .clicked()
        {
            commands.push(Command::curate(Edit::Reject {
                key: item.key.clone(),
            }));
        }
        if ui
            .add_enabled(
                enabled && !rejected,
                egui::Button::new(tr(lang, "合并到…", "Merge with…")).selected(state.merging),
            )
            .clicked()
        {
            state.merging = !state.merging;
        }
        if item.sources.len() > 1
            && ui
                .add_enabled(enabled, egui::Button::new(tr(lang, "拆分", "Split")))
                .on_hover_text(tr(lang, "每个来源各成一条", "One item per source again"))
                .clicked()
        {
            commands.push(Command::curate(Edit::Split {
                key: item.key.clone(),
            }));
        }
        if let Some(m) = mark(item) {
            let what = match item.curated.as_deref() {
                Some(curation::ADDED) => tr(lang, "已添加", "added"),
                _ => tr(lang, "已校订", "curated"),
            };
            ui.label(
                RichText::new(format!("{m} {what}"))
                    .color(ui.visuals().warn_fg_color)
                    .strong(),
            );
        }
    });
    if state.merging && enabled {
        merge_ui(ui, input, item, commands);
    }
}

/// Items to merge the selected one with: the one selected before it, then related.
fn merge_ui(ui: &mut egui::Ui, input: &CurateInput<'_>, item: &Item, commands: &mut Vec<Command>) {
    let lang = input.lang;
    let mut candidates: Vec<usize> = input.previous.into_iter().collect();
    candidates.extend(input.related.iter().filter(|i| Some(**i) != input.previous));
    let candidates: Vec<(usize, &Item)> = candidates
        .into_iter()
        .filter_map(|i| input.corpus.items.get(i).map(|it| (i, it)))
        .filter(|(_, it)| it.key != item.key && !input.corpus.is_rejected(it))
        .collect();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new(tr(
                lang,
                "与哪一条合并（来源合在一起）：",
                "Merge into one item with (sources joined):",
            ))
            .weak(),
        );
        if candidates.is_empty() {
            ui.label(tr(
                lang,
                "先选另一条，再选这一条，它就会出现在这里。",
                "Select the other item, then this one: it is listed here.",
            ));
        }
        for (_, other) in candidates {
            let text = format!(
                "→ {} · {} · {}",
                other.date,
                i18n::kind(other.kind, lang),
                other.title
            );
            if ui.add(egui::Button::new(text).truncate()).clicked() {
                commands.push(Command::curate(Edit::Merge {
                    keys: vec![item.key.clone(), other.key.clone()],
                }));
            }
        }
    });
}

/// The form that edits every field of the item; a value is recorded when its field
/// is left, and refused there (red frame, the reason under it) when it cannot be.
pub fn form_ui(
    ui: &mut egui::Ui,
    input: &CurateInput<'_>,
    item: &Item,
    state: &mut CurateState,
    commands: &mut Vec<Command>,
) {
    let lang = input.lang;
    state.follow(&item.key);
    let enabled = !input.read_only && !input.corpus.is_rejected(item);
    let key = item.key.clone();
    let mut send = |fields: Fields| {
        commands.push(Command::curate(Edit::Edit {
            key: key.clone(),
            fields,
        }))
    };
    let q = item.quantity.as_ref();
    let num = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{v:.0}")
        } else {
            v.to_string()
        }
    };
    let width = (ui.available_width() - 110.0).max(120.0);
    egui::Grid::new("curate.form")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let text = |ui: &mut egui::Ui,
                        state: &mut CurateState,
                        name: &'static str,
                        label: &str,
                        current: String,
                        parse: &dyn Fn(&str) -> Result<Fields, String>|
             -> Option<Fields> {
                text_field(ui, state, item, enabled, width, name, label, current, parse)
            };
            let mut out: Vec<Fields> = Vec::new();
            out.extend(text(
                ui,
                state,
                "title",
                tr(lang, "标题", "Title"),
                item.title.clone(),
                &|s| {
                    Ok(Fields {
                        title: Some(s.trim().to_string()),
                        ..Fields::default()
                    })
                },
            ));
            if let Some(kind) = choice(
                ui,
                enabled,
                "curate.kind",
                tr(lang, "类型", "Kind"),
                item.kind,
                &Kind::ALL,
                |k| i18n::kind(k, lang),
            ) {
                out.push(Fields {
                    kind: Some(kind),
                    ..Fields::default()
                });
            }
            let precision = i18n::precision(item.date.precision(), lang);
            out.extend(text(
                ui,
                state,
                "date",
                &format!("{} ({precision})", tr(lang, "日期", "Date")),
                item.date.to_string(),
                &|s| {
                    Ok(Fields {
                        date: Some(curation::parse_date(s)?),
                        ..Fields::default()
                    })
                },
            ));
            // The precision: the date cut to its year or month, or made finer from
            // the first of its month or year.
            if let Some(precision) = choice(
                ui,
                enabled,
                "curate.precision",
                tr(lang, "精度", "Precision"),
                item.date.precision(),
                &[Precision::Year, Precision::Month, Precision::Day],
                |p| i18n::precision(p, lang),
            ) {
                out.push(Fields {
                    date: Some(at_precision(item.date, precision)),
                    ..Fields::default()
                });
            }
            out.extend(text(
                ui,
                state,
                "end_date",
                tr(lang, "结束日期", "End date"),
                item.end_date.map(|d| d.to_string()).unwrap_or_default(),
                &|s| {
                    Ok(Fields {
                        end_date: Some(optional(s, curation::parse_date)?),
                        ..Fields::default()
                    })
                },
            ));
            type Set = fn(Option<String>) -> Fields;
            let subject: Set = |v| Fields {
                subject: Some(v),
                ..Fields::default()
            };
            let region: Set = |v| Fields {
                region: Some(v),
                ..Fields::default()
            };
            for (name, label, current, set) in [
                (
                    "subject",
                    tr(lang, "指标", "Subject"),
                    &item.subject,
                    subject,
                ),
                ("region", tr(lang, "地区", "Region"), &item.region, region),
            ] {
                out.extend(text(
                    ui,
                    state,
                    name,
                    label,
                    current.clone().unwrap_or_default(),
                    &|s| Ok(set(optional(s, |s| Ok(s.to_string()))?)),
                ));
            }
            let unit = q.map(|q| q.unit.clone()).unwrap_or_default();
            out.extend(text(
                ui,
                state,
                "value",
                &format!(
                    "{} ({})",
                    tr(lang, "数值", "Value"),
                    if unit.is_empty() { "—" } else { &unit }
                ),
                q.map(|q| num(q.value)).unwrap_or_default(),
                &|s| {
                    Ok(Fields {
                        value: Some(number(s)?),
                        ..Fields::default()
                    })
                },
            ));
            out.extend(text(
                ui,
                state,
                "value_max",
                tr(lang, "上限值", "Upper value"),
                q.and_then(|q| q.value_max).map(num).unwrap_or_default(),
                &|s| {
                    Ok(Fields {
                        value_max: Some(optional(s, number)?),
                        ..Fields::default()
                    })
                },
            ));
            out.extend(text(
                ui,
                state,
                "unit",
                tr(lang, "单位", "Unit"),
                unit.clone(),
                &|s| {
                    Ok(Fields {
                        unit: Some(s.trim().to_string()),
                        ..Fields::default()
                    })
                },
            ));
            if let Some(qualifier) = choice(
                ui,
                enabled && q.is_some(),
                "curate.qualifier",
                tr(lang, "限定", "Qualifier"),
                q.map(|q| q.qualifier).unwrap_or_default(),
                &Qualifier::ALL,
                Qualifier::name,
            ) {
                out.push(Fields {
                    qualifier: Some(qualifier),
                    ..Fields::default()
                });
            }
            out.extend(text(
                ui,
                state,
                "deadline",
                tr(lang, "目标年份", "Deadline"),
                item.deadline.map(|y| y.to_string()).unwrap_or_default(),
                &|s| {
                    Ok(Fields {
                        deadline: Some(optional(s, year)?),
                        ..Fields::default()
                    })
                },
            ));
            if let Some(basis) = choice(
                ui,
                enabled,
                "curate.basis",
                tr(lang, "依据", "Basis"),
                item.basis,
                &[None, Some(Basis::Goal), Some(Basis::Forecast)],
                |b| match b {
                    None => "—",
                    Some(Basis::Goal) => tr(lang, "目标", "goal"),
                    Some(Basis::Forecast) => tr(lang, "预计", "forecast"),
                },
            ) {
                out.push(Fields {
                    basis: Some(basis),
                    ..Fields::default()
                });
            }
            out.extend(text(
                ui,
                state,
                "policy_title",
                tr(lang, "政策名称", "Policy title"),
                item.policy_title.clone().unwrap_or_default(),
                &|s| {
                    Ok(Fields {
                        policy_title: Some(optional(s, |s| {
                            Ok(s.trim_matches(['《', '》']).to_string())
                        })?),
                        ..Fields::default()
                    })
                },
            ));
            out.extend(text(
                ui,
                state,
                "period",
                tr(lang, "实施期", "Period"),
                item.period
                    .map(|[a, b]| format!("{a}-{b}"))
                    .unwrap_or_default(),
                &|s| {
                    Ok(Fields {
                        period: Some(optional(s, period)?),
                        ..Fields::default()
                    })
                },
            ));
            out.extend(text(
                ui,
                state,
                "issuers",
                tr(lang, "发布机构", "Issuers"),
                item.issuers.join("、"),
                &|s| {
                    Ok(Fields {
                        issuers: Some(
                            s.split(['、', ',', '，', ';', '；'])
                                .map(str::trim)
                                .filter(|s| !s.is_empty())
                                .map(String::from)
                                .collect(),
                        ),
                        ..Fields::default()
                    })
                },
            ));
            ui.label(RichText::new(tr(lang, "主题", "Themes")).weak());
            let mut themes = item.themes.clone();
            ui.add_enabled_ui(enabled, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.set_max_width(width);
                    for t in &input.corpus.themes.themes {
                        let mut on = themes.contains(&t.id);
                        if ui.checkbox(&mut on, i18n::theme(t, lang)).changed() {
                            if on {
                                themes.push(t.id.clone());
                            } else {
                                themes.retain(|x| *x != t.id);
                            }
                        }
                    }
                });
            });
            ui.end_row();
            if themes != item.themes {
                out.push(Fields {
                    themes: Some(themes),
                    ..Fields::default()
                });
            }
            for f in out {
                send(f);
            }
        });
}

/// One text field of the form. Returns the fields to record when the field was
/// left with a valid new value.
#[allow(clippy::too_many_arguments)]
fn text_field(
    ui: &mut egui::Ui,
    state: &mut CurateState,
    item: &Item,
    enabled: bool,
    width: f32,
    name: &'static str,
    label: &str,
    current: String,
    parse: &dyn Fn(&str) -> Result<Fields, String>,
) -> Option<Fields> {
    let l = ui.label(RichText::new(label).weak());
    let mut text = state
        .drafts
        .get(name)
        .cloned()
        .unwrap_or_else(|| current.clone());
    let error = state.errors.get(name).cloned();
    let r = ui
        .vertical(|ui| {
            let r = ui
                .add_enabled(
                    enabled,
                    egui::TextEdit::singleline(&mut text)
                        .id_salt(("curate.field", name))
                        .desired_width(width),
                )
                .labelled_by(l.id);
            if let Some(e) = &error {
                ui.painter().rect_stroke(
                    r.rect.expand(1.0),
                    2.0,
                    egui::Stroke::new(1.5, ui.visuals().error_fg_color),
                    egui::StrokeKind::Outside,
                );
                ui.add(
                    egui::Label::new(RichText::new(e).small().color(ui.visuals().error_fg_color))
                        .wrap(),
                );
            }
            r
        })
        .inner;
    ui.end_row();
    if r.changed() {
        state.drafts.insert(name, text.clone());
        state.errors.remove(name);
    }
    if !r.lost_focus() {
        return None;
    }
    let draft = state.drafts.remove(name)?;
    if draft.trim() == current.trim() {
        state.errors.remove(name);
        return None;
    }
    // Checked as the file would be, and against the item (an end date before its
    // date); a refused value stays where it was typed, with the reason.
    let checked = parse(&draft).and_then(|f| {
        f.check()?;
        f.apply_to(&mut item.clone())?;
        Ok(f)
    });
    match checked {
        Ok(f) => Some(f),
        Err(e) => {
            state.drafts.insert(name, draft);
            state.errors.insert(name, e);
            None
        }
    }
}

/// `d` at another precision: cut, or made finer from the first month or day.
fn at_precision(d: PartialDate, p: Precision) -> PartialDate {
    let month = d.month.unwrap_or(1);
    match p {
        Precision::Year => PartialDate::year(d.year),
        Precision::Month => PartialDate::month(d.year, month).unwrap_or(d),
        Precision::Day => PartialDate::day(d.year, month, d.day.unwrap_or(1)).unwrap_or(d),
    }
}

/// An empty field clears the value.
/// A labelled drop-down row of the edit form: the value picked, when it differs from
/// `current`.
fn choice<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    enabled: bool,
    id: &'static str,
    label: &str,
    current: T,
    options: &[T],
    name: impl Fn(T) -> &'static str,
) -> Option<T> {
    ui.label(RichText::new(label).weak());
    let mut picked = current;
    ui.add_enabled_ui(enabled, |ui| {
        egui::ComboBox::from_id_salt(id)
            .selected_text(name(picked))
            .show_ui(ui, |ui| {
                for &o in options {
                    ui.selectable_value(&mut picked, o, name(o));
                }
            });
    });
    ui.end_row();
    (picked != current).then_some(picked)
}

fn optional<T>(s: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<Option<T>, String> {
    let s = s.trim();
    if s.is_empty() {
        Ok(None)
    } else {
        parse(s).map(Some)
    }
}

/// A figure as typed: thousands separators allowed.
fn number(s: &str) -> Result<f64, String> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    t.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("'{}' is not a number", s.trim()))
}

fn year(s: &str) -> Result<i32, String> {
    let y: i32 = s
        .trim()
        .trim_end_matches('年')
        .parse()
        .map_err(|_| format!("'{}' is not a year", s.trim()))?;
    if curation::YEARS.contains(&y) {
        Ok(y)
    } else {
        Err(format!("year {y} is out of range"))
    }
}

/// 2024-2026, 2024–2026, 2024至2026.
fn period(s: &str) -> Result<[i32; 2], String> {
    let parts: Vec<&str> = s
        .split(['-', '–', '—', '至', '~'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [a, b] => Ok([year(a)?, year(b)?]),
        _ => Err(format!("'{}' is not a period (2024-2026)", s.trim())),
    }
}

/// The line above the panels when the curation needs attention: a broken file (the
/// corpus is read-only), edits that no longer match an item.
pub fn banner_ui(
    ui: &mut egui::Ui,
    broken: Option<&str>,
    applied: &Applied,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        if let Some(e) = broken {
            ui.label(
                RichText::new(format!(
                    "{e} — {}",
                    tr(
                        lang,
                        "以只读方式打开，校订文件保持原样",
                        "opened read-only; the curation file is left as it is"
                    )
                ))
                .color(ui.visuals().error_fg_color),
            );
        }
        if let Some(m) = applied.stale_message() {
            let text = RichText::new(match lang {
                Lang::En => m,
                Lang::Zh => format!("{} 条校订已找不到对应条目", applied.stale.len()),
            })
            .color(ui.visuals().warn_fg_color);
            if ui.add(egui::Button::new(text).frame(false)).clicked() {
                commands.push(Command::ShowStale(true));
            }
        }
        if !applied.invalid.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    applied.invalid.len(),
                    tr(
                        lang,
                        "条校订与条目不符，未应用",
                        "edits do not fit their item and were not applied"
                    )
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
    });
}

/// Whether the banner has anything to say.
pub fn banner_needed(broken: Option<&str>, applied: &Applied) -> bool {
    broken.is_some() || !applied.stale.is_empty() || !applied.invalid.is_empty()
}

/// Edits that no longer match an item: each can be re-attached to the selected item
/// or dropped.
pub fn stale_window(
    ctx: &egui::Context,
    applied: &Applied,
    selected: Option<&Item>,
    read_only: bool,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    egui::Window::new(tr(
        lang,
        "找不到条目的校订",
        "Edits that no longer match an item",
    ))
    .id(egui::Id::unique("curate.stale"))
    .open(&mut open)
    .default_width(560.0)
    .show(ctx, |ui| {
        if applied.stale.is_empty() {
            ui.label(tr(
                lang,
                "所有校订都有对应条目。",
                "Every edit matches an item.",
            ));
        }
        for s in &applied.stale {
            ui.group(|ui| {
                ui.label(RichText::new(format!("#{} {}", s.index + 1, describe(&s.edit))).strong());
                for key in &s.missing {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(key).monospace());
                        let to = selected
                            .map(|it| format!("{} · {}", it.date, it.title))
                            .unwrap_or_default();
                        if ui
                            .add_enabled(
                                selected.is_some() && !read_only,
                                egui::Button::new(tr(
                                    lang,
                                    "改接到所选条目",
                                    "Re-attach to the selected item",
                                )),
                            )
                            .on_hover_text(to)
                            .clicked()
                        {
                            commands.push(Command::Reattach {
                                index: s.index,
                                from: key.clone(),
                            });
                        }
                    });
                }
                if ui
                    .add_enabled(
                        !read_only,
                        egui::Button::new(tr(lang, "删除这条校订", "Drop this edit")),
                    )
                    .clicked()
                {
                    commands.push(Command::DropEdit(s.index));
                }
            });
        }
    });
    if !open {
        commands.push(Command::ShowStale(false));
    }
}

/// An edit in a line: its action and, for an edit, the fields it sets.
fn describe(e: &Edit) -> String {
    match e {
        Edit::Reject { .. } => "reject".into(),
        Edit::Edit { fields, .. } => {
            format!("edit {}", serde_json::to_string(fields).unwrap_or_default())
        }
        Edit::Add { item } => format!("add {}", item.title),
        Edit::Merge { keys } => format!("merge {}", keys.join(" + ")),
        Edit::Split { .. } => "split".into(),
    }
}

/// "Add as event / policy / target / metric" under the source text, for the last
/// selection made in it.
pub fn add_buttons(
    ui: &mut egui::Ui,
    doc: &str,
    state: &CurateState,
    read_only: bool,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let span = state
        .selection
        .as_ref()
        .filter(|(d, [a, b])| d == doc && a < b)
        .map(|(_, s)| *s);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr(lang, "选中文字后添加为：", "Add the selection as:")).weak());
        for kind in Kind::ALL {
            let label = format!("+ {}", i18n::kind(kind, lang));
            if ui
                .add_enabled(span.is_some() && !read_only, egui::Button::new(label))
                .clicked()
                && let Some(span) = span
            {
                commands.push(Command::AddFromSelection {
                    doc: doc.to_string(),
                    span,
                    kind,
                });
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_are_read_or_refused_with_a_reason() {
        assert_eq!(number("300,000,000,000"), Ok(3e11));
        assert!(number("3千").unwrap_err().contains("3千"));
        assert_eq!(year("2027年"), Ok(2027));
        assert!(year("3027").is_err());
        assert_eq!(period("2024–2026"), Ok([2024, 2026]));
        assert_eq!(period("2024至2026年"), Ok([2024, 2026]));
        assert!(period("2024").is_err());
        assert_eq!(optional("  ", number), Ok(None));
        let d = PartialDate::day(2024, 5, 17).unwrap();
        assert_eq!(at_precision(d, Precision::Year).to_string(), "2024");
        assert_eq!(at_precision(d, Precision::Month).to_string(), "2024-05");
        let y = PartialDate::year(2024);
        assert_eq!(at_precision(y, Precision::Day).to_string(), "2024-01-01");
    }
}
