//! The analyst's corrections to a corpus: items rejected, edited, added, merged and
//! split, kept in a `biotimeline-curation/1` file (see ../shared/spec/extract-json.md,
//! "Curation") and applied over a fresh extraction.
//!
//! Edits refer to items by their `key` (see [`super::keys`]), which survives a new run
//! as long as the sentence is unchanged. An edit whose item is gone is kept and
//! reported ([`Applied::stale`]), never dropped: the analyst re-attaches or drops it.
//!
//! The file is for people too (and for git): pretty JSON, one entry per edit, in the
//! order the edits were first made. Later changes to the same item fold into its entry
//! ([`Curation::record`]), so the file does not grow with every keystroke and writing
//! it again gives the same bytes.

use crate::extract::{Basis, Item, Kind, Qualifier, Quantity, SourceRef};
use crate::time::PartialDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The `format` of a curation file.
pub const FORMAT: &str = "biotimeline-curation/1";
/// The curation file's name in a corpus folder.
pub const FILE_NAME: &str = crate::corpus::find::CURATION_FILE;
/// Steps of undo kept; older ones are forgotten.
pub const MAX_UNDO: usize = 500;
/// Years a date, deadline or period may name: beyond them a figure was typed wrong.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A whole curation file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curation {
    pub format: String,
    pub edits: Vec<Edit>,
}

impl Default for Curation {
    fn default() -> Self {
        Self {
            format: FORMAT.to_string(),
            edits: Vec::new(),
        }
    }
}

/// One change the analyst made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "lowercase", deny_unknown_fields)]
pub enum Edit {
    /// The item is wrong: left out (the explorer can still show it, greyed).
    Reject { key: String },
    /// Fields of the item replaced by these values.
    Edit { key: String, fields: Fields },
    /// An item the extraction missed.
    Add { item: NewItem },
    /// Items that state one fact: one item, the first key's, with all their sources.
    Merge { keys: Vec<String> },
    /// A merged item made one item per source again.
    Split { key: String },
}

impl Edit {
    /// The keys the edit needs to find.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Edit::Reject { key } | Edit::Edit { key, .. } | Edit::Split { key } => vec![key],
            Edit::Merge { keys } => keys.iter().map(String::as_str).collect(),
            Edit::Add { .. } => Vec::new(),
        }
    }
}

/// Reads a field that may be present with `null`: `Some(None)` is "set to none",
/// a missing field (`None`, by `default`) is "left as it is".
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// New values of an item's fields; a field left out is left as it is, and `null`
/// clears a field that may be empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Its length is its precision: 2024, 2024-05, 2024-05-17.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_date: Option<Option<PartialDate>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub subject: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub region: Option<Option<String>>,
    /// In the base unit, as `quantity.value` (2,400亿元 is 240000000000 元).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// The upper end of a range (3至5家), in the base unit as `value`; `null` makes
    /// the figure a single value again.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub value_max: Option<Option<f64>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub deadline: Option<Option<i32>>,
    /// A target's goal or forecast; `null` when it says neither.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub basis: Option<Option<Basis>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub themes: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub policy_title: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub period: Option<Option<[i32; 2]>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuers: Option<Vec<String>>,
}

impl Fields {
    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        *self == Fields::default()
    }

    /// These values over `older` ones: what two edits of one item come to.
    pub fn over(self, older: Fields) -> Fields {
        Fields {
            title: self.title.or(older.title),
            kind: self.kind.or(older.kind),
            date: self.date.or(older.date),
            end_date: self.end_date.or(older.end_date),
            subject: self.subject.or(older.subject),
            region: self.region.or(older.region),
            value: self.value.or(older.value),
            unit: self.unit.or(older.unit),
            qualifier: self.qualifier.or(older.qualifier),
            value_max: self.value_max.or(older.value_max),
            deadline: self.deadline.or(older.deadline),
            basis: self.basis.or(older.basis),
            themes: self.themes.or(older.themes),
            policy_title: self.policy_title.or(older.policy_title),
            period: self.period.or(older.period),
            issuers: self.issuers.or(older.issuers),
        }
    }

    /// Values that cannot be right whatever the item: refused where they are typed
    /// and when a file is read.
    pub fn check(&self) -> Result<(), String> {
        if let Some(t) = &self.title
            && t.trim().is_empty()
        {
            return Err("the title is empty".into());
        }
        for d in [self.date, self.end_date.flatten()].into_iter().flatten() {
            check_year(d.year, "date")?;
        }
        if let (Some(a), Some(Some(b))) = (self.date, self.end_date)
            && b.start() < a.start()
        {
            return Err(format!("end date {b} is before the date {a}"));
        }
        if let Some(v) = self.value
            && !v.is_finite()
        {
            return Err(format!("value {v} is not a number"));
        }
        if let Some(Some(m)) = self.value_max {
            if !m.is_finite() {
                return Err(format!("upper value {m} is not a number"));
            }
            if let Some(v) = self.value
                && m < v
            {
                return Err(format!("upper value {m} is below the value {v}"));
            }
        }
        if let Some(Some(y)) = self.deadline {
            check_year(y, "deadline")?;
        }
        if let Some(Some([a, b])) = self.period {
            check_year(a, "period")?;
            check_year(b, "period")?;
            if a > b {
                return Err(format!("period {a}–{b} ends before it starts"));
            }
        }
        Ok(())
    }

    /// Sets these fields on `it`, checking them against what the item already has
    /// (an end date before its date is refused). `it` is left unchanged on error.
    pub fn apply_to(&self, it: &mut Item) -> Result<(), String> {
        self.check()?;
        let mut out = it.clone();
        if let Some(t) = &self.title {
            out.title = t.clone();
        }
        if let Some(k) = self.kind {
            out.kind = k;
        }
        if let Some(d) = self.date {
            out.date = d;
        }
        if let Some(d) = self.end_date {
            out.end_date = d;
        }
        if let Some(e) = out.end_date
            && e.start() < out.date.start()
        {
            return Err(format!("end date {e} is before the date {}", out.date));
        }
        if let Some(s) = &self.subject {
            out.subject = s.clone();
        }
        if let Some(r) = &self.region {
            out.region = r.clone();
        }
        if self.value.is_some()
            || self.unit.is_some()
            || self.qualifier.is_some()
            || self.value_max.flatten().is_some()
        {
            let q = out.quantity.get_or_insert_with(|| Quantity {
                value: 0.0,
                unit: String::new(),
                text: String::new(),
                qualifier: Qualifier::Exact,
                value_max: None,
            });
            let changed = self.value.is_some_and(|v| v != q.value)
                || self.unit.as_ref().is_some_and(|u| *u != q.unit)
                || self.qualifier.is_some_and(|ql| ql != q.qualifier)
                || self.value_max.is_some_and(|m| m != q.value_max);
            if let Some(v) = self.value {
                q.value = v;
            }
            if let Some(m) = self.value_max {
                q.value_max = m;
            }
            if let Some(m) = q.value_max
                && m < q.value
            {
                return Err(format!("upper value {m} is below the value {}", q.value));
            }
            if let Some(u) = &self.unit {
                q.unit = u.clone();
            }
            if let Some(ql) = self.qualifier {
                q.qualifier = ql;
            }
            if changed || q.text.is_empty() {
                // The figure as written no longer says the value: the edited one is
                // written as a reader expects it (2,400亿元).
                let text = figure_text(q);
                let before = std::mem::replace(&mut q.text, text);
                // A title the rules made names the figure; it follows the edit
                // unless the analyst wrote the title too.
                if self.title.is_none() && !before.is_empty() {
                    out.title = out.title.replacen(&before, &q.text, 1);
                }
            }
        }
        if self.value_max == Some(None)
            && let Some(q) = out.quantity.as_mut()
            && q.value_max.take().is_some()
        {
            q.text = figure_text(q);
        }
        if let Some(d) = self.deadline {
            if self.title.is_none()
                && let (Some(was), Some(now)) = (out.deadline, d)
            {
                out.title = out
                    .title
                    .replacen(&format!("({was})"), &format!("({now})"), 1);
            }
            out.deadline = d;
        }
        if let Some(b) = self.basis {
            out.basis = b;
        }
        if let Some(t) = &self.themes {
            out.themes = t.clone();
            out.inherited_themes.retain(|x| t.contains(x));
        }
        if let Some(p) = &self.policy_title {
            out.policy_title = p.clone();
        }
        if let Some(p) = self.period {
            out.period = p;
        }
        if let Some(i) = &self.issuers {
            out.issuers = i.clone();
        }
        *it = out;
        Ok(())
    }
}

/// An edited figure as a reader expects it: 至少3家, 3家至5家.
fn figure_text(q: &Quantity) -> String {
    let one = crate::extract::display::format_qualified(q);
    match q.value_max {
        Some(m) => format!(
            "{one}至{}",
            crate::extract::display::format_quantity(m, &q.unit)
        ),
        None => one,
    }
}

fn check_year(y: i32, what: &str) -> Result<(), String> {
    if YEARS.contains(&y) {
        Ok(())
    } else {
        Err(format!(
            "{what} year {y} is out of range ({}–{})",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

/// A date as the analyst types it (`2024`, `2024-05`, `2024-05-17`), checked: 2024-13
/// and 2023-02-29 are refused with a reason to show where it was typed.
pub fn parse_date(text: &str) -> Result<PartialDate, String> {
    let t = text.trim();
    let d = PartialDate::parse(t).ok_or_else(|| {
        format!("'{t}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD, and a real day)")
    })?;
    check_year(d.year, "date")?;
    Ok(d)
}

/// An item the analyst added. Only kind, date and title are needed; the rest are the
/// item's fields as the contract names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewItem {
    /// Given when the item is added (see [`Curation::record`]), so later edits can
    /// refer to it.
    #[serde(default)]
    pub key: String,
    pub kind: Kind,
    pub date: PartialDate,
    pub title: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub span: [usize; 2],
    /// The other fields, as an edit sets them.
    #[serde(flatten)]
    pub fields: Fields,
}

impl NewItem {
    /// The item it makes; its id is `{doc}#added-{key}`.
    pub fn to_item(&self) -> Result<Item, String> {
        if self.title.trim().is_empty() {
            return Err("the title is empty".into());
        }
        check_year(self.date.year, "date")?;
        let mut it = Item {
            id: format!("{}#added-{}", self.doc, self.key),
            kind: self.kind,
            date: self.date,
            end_date: None,
            title: self.title.clone(),
            themes: Vec::new(),
            inherited_themes: Vec::new(),
            doc: self.doc.clone(),
            quote: self.quote.as_str().into(),
            span: self.span,
            subject: None,
            quantity: None,
            deadline: None,
            basis: None,
            policy_title: None,
            period: None,
            issuers: Vec::new(),
            key: self.key.clone(),
            sources: Vec::new(),
            region: None,
            conflicts: Vec::new(),
            curated: Some(ADDED.into()),
        };
        // kind, date and title are the item's own: the fields may not say otherwise.
        let rest = Fields {
            title: None,
            kind: None,
            date: None,
            ..self.fields.clone()
        };
        rest.apply_to(&mut it)?;
        if it.key.is_empty() {
            it.key = format!("added-{}", super::keys::key_of(&it));
        }
        if !it.doc.is_empty() || !it.quote.is_empty() {
            it.sources = vec![SourceRef {
                doc: it.doc.clone(),
                quote: it.quote.clone(),
                span: it.span,
            }];
        }
        Ok(it)
    }
}

impl NewItem {
    /// An item of `kind` for a passage the analyst selected in document `doc`: dated
    /// as its sentence, with the fields the rules found in it when they found an
    /// item of that kind (else its themes and region only), and a key.
    pub fn from_selection(
        sel: &crate::extract::Selected,
        kind: Kind,
        doc: &str,
    ) -> Result<NewItem, String> {
        if sel.quote.trim().is_empty() {
            return Err("nothing is selected".into());
        }
        let date = sel
            .date
            .or_else(|| sel.items.first().map(|i| i.date))
            .ok_or("neither the sentence nor the document has a date")?;
        let same = sel.items.iter().find(|i| i.kind == kind);
        let any = same.or_else(|| sel.items.first());
        // A title the rules made for another part of the sentence would not say what
        // was selected: the selection is the title then.
        let title = match same.filter(|_| sel.in_selection) {
            Some(it) => it.title.clone(),
            None => {
                let t: String = sel.quote.chars().take(40).collect();
                t.trim_end_matches(['。', '；', '！', '？', '，', '.', ';'])
                    .to_string()
            }
        };
        let mut fields = Fields::default();
        if let Some(it) = any {
            if !it.themes.is_empty() {
                fields.themes = Some(it.themes.clone());
            }
            if it.region.is_some() {
                fields.region = Some(it.region.clone());
            }
        }
        if let Some(it) = same {
            let some = |o: &Option<String>| o.as_ref().map(|s| Some(s.clone()));
            fields.subject = some(&it.subject);
            fields.policy_title = some(&it.policy_title);
            fields.end_date = it.end_date.map(Some);
            fields.deadline = it.deadline.map(Some);
            fields.basis = it.basis.map(Some);
            fields.period = it.period.map(Some);
            if !it.issuers.is_empty() {
                fields.issuers = Some(it.issuers.clone());
            }
            if let Some(q) = &it.quantity {
                fields.value = Some(q.value);
                fields.unit = Some(q.unit.clone());
                fields.qualifier = Some(q.qualifier);
                fields.value_max = q.value_max.map(Some);
            }
        }
        let mut new = NewItem {
            key: String::new(),
            kind,
            date,
            title,
            doc: doc.to_string(),
            quote: sel.quote.clone(),
            span: sel.span,
            fields,
        };
        new.key = new.to_item()?.key;
        Ok(new)
    }
}

/// `curated` of an item an edit changed.
pub const EDITED: &str = "edited";
/// `curated` of an item the analyst added.
pub const ADDED: &str = "added";

/// A curation file that cannot be used: it names the file.
#[derive(Debug, thiserror::Error)]
pub enum CurationError {
    #[error("cannot read curation file {}: {cause}", path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("broken curation file {}: {reason}", path.display())]
    Broken { path: PathBuf, reason: String },
    #[error(transparent)]
    Write(#[from] crate::fsio::WriteError),
}

/// Files larger than this are not curation files (a curation is hand-sized).
const MAX_FILE: u64 = 64 << 20;

impl Curation {
    /// Reads a curation file; a missing file is `Ok(None)`. Anything else that is
    /// wrong with it is an error naming the file: applying half of an analyst's work
    /// would give results that look right.
    pub fn read(path: &Path) -> Result<Option<Curation>, CurationError> {
        let read_err = |cause| CurationError::Read {
            path: path.to_path_buf(),
            cause,
        };
        let broken = |reason: String| CurationError::Broken {
            path: path.to_path_buf(),
            reason,
        };
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(read_err(e)),
        };
        if !meta.is_file() {
            return Err(broken("not a regular file".into()));
        }
        if meta.len() > MAX_FILE {
            return Err(broken(format!("larger than {} MB", MAX_FILE >> 20)));
        }
        let bytes = std::fs::read(path).map_err(read_err)?;
        Self::from_bytes(&bytes).map(Some).map_err(broken)
    }

    /// A curation from the bytes of a file; the error says what and where.
    pub fn from_bytes(bytes: &[u8]) -> Result<Curation, String> {
        // A byte-order mark, as some editors save one, is not an error of the file.
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let c: Curation = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if c.format != FORMAT {
            return Err(format!(
                "format is '{}', expected '{FORMAT}'",
                c.format.chars().take(80).collect::<String>()
            ));
        }
        for (i, e) in c.edits.iter().enumerate() {
            let bad = |why: String| format!("edit {}: {why}", i + 1);
            match e {
                Edit::Edit { fields, .. } => fields.check().map_err(bad)?,
                Edit::Add { item } => {
                    item.to_item().map_err(bad)?;
                }
                Edit::Merge { keys } if keys.len() < 2 => {
                    return Err(bad("a merge needs two keys or more".into()));
                }
                _ => {}
            }
            if e.keys().iter().any(|k| k.is_empty()) {
                return Err(bad("empty key".into()));
            }
        }
        Ok(c)
    }

    /// The file's text: pretty JSON, one entry per edit, ending in a newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Plain data of strings, numbers and maps with string keys: cannot fail.
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// Writes the file atomically (a failed write leaves the old file whole).
    pub fn write(&self, path: &Path) -> Result<(), CurationError> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(|cause| CurationError::Read {
                path: dir.to_path_buf(),
                cause,
            })?;
        }
        crate::fsio::write_bytes(path, &self.to_bytes())?;
        Ok(())
    }

    /// Adds an edit, folded into the entries already made so that the file keeps one
    /// entry per item and change, in the order first made:
    /// - an edit of an item already edited joins that entry (newer values win), and an
    ///   edit of an added item changes the added item;
    /// - rejecting an added item takes the addition (and its edits) away;
    /// - splitting the item a merge made takes the merge away.
    ///
    /// An added item without a key gets one here. Invalid values are refused.
    pub fn record(&mut self, edit: Edit) -> Result<(), String> {
        match edit {
            Edit::Reject { key } => {
                let added = self
                    .edits
                    .iter()
                    .position(|e| matches!(e, Edit::Add { item } if item.key == key));
                if let Some(i) = added {
                    self.edits.remove(i);
                    self.edits
                        .retain(|e| !matches!(e, Edit::Edit { key: k, .. } if *k == key));
                } else if !self.is_rejected(&key) {
                    self.edits.push(Edit::Reject { key });
                }
            }
            Edit::Edit { key, fields } => {
                fields.check()?;
                if fields.is_empty() {
                    return Ok(());
                }
                for e in &mut self.edits {
                    match e {
                        Edit::Add { item } if item.key == key => {
                            let mut next = item.clone();
                            let f = fields.clone();
                            next.title = f.title.clone().unwrap_or(next.title);
                            next.kind = f.kind.unwrap_or(next.kind);
                            next.date = f.date.unwrap_or(next.date);
                            next.fields = Fields {
                                title: None,
                                kind: None,
                                date: None,
                                ..f
                            }
                            .over(next.fields);
                            next.to_item()?;
                            *item = next;
                            return Ok(());
                        }
                        Edit::Edit {
                            key: k,
                            fields: old,
                        } if *k == key => {
                            *old = fields.over(std::mem::take(old));
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                self.edits.push(Edit::Edit { key, fields });
            }
            Edit::Add { mut item } => {
                // kind, date and title are the item's own; in the fields they would be
                // written twice.
                item.fields.title = None;
                item.fields.kind = None;
                item.fields.date = None;
                if item.key.is_empty() {
                    item.key = item.to_item()?.key;
                }
                item.to_item()?;
                if self
                    .edits
                    .iter()
                    .any(|e| matches!(e, Edit::Add { item: i } if i.key == item.key))
                {
                    return Err(format!("an item with key {} was already added", item.key));
                }
                self.edits.push(Edit::Add { item });
            }
            Edit::Merge { keys } => {
                let mut seen = HashSet::new();
                let keys: Vec<String> = keys
                    .into_iter()
                    .filter(|k| seen.insert(k.clone()))
                    .collect();
                if keys.len() < 2 {
                    return Err("a merge needs two items or more".into());
                }
                self.edits.push(Edit::Merge { keys });
            }
            Edit::Split { key } => {
                let merge = self
                    .edits
                    .iter()
                    .rposition(|e| matches!(e, Edit::Merge { keys } if keys[0] == key));
                match merge {
                    Some(i) => {
                        self.edits.remove(i);
                    }
                    None => self.edits.push(Edit::Split { key }),
                }
            }
        }
        Ok(())
    }

    /// Whether a reject of this key is in the file.
    pub fn is_rejected(&self, key: &str) -> bool {
        self.edits
            .iter()
            .any(|e| matches!(e, Edit::Reject { key: k } if k == key))
    }

    /// Takes a reject back (the explorer's "restore").
    pub fn restore(&mut self, key: &str) {
        self.edits
            .retain(|e| !matches!(e, Edit::Reject { key: k } if k == key));
    }

    /// Points a (stale) edit at another item: `from` becomes `to` in entry `index`.
    pub fn reattach(&mut self, index: usize, from: &str, to: &str) {
        let Some(e) = self.edits.get_mut(index) else {
            return;
        };
        match e {
            Edit::Reject { key } | Edit::Edit { key, .. } | Edit::Split { key } => {
                if key == from {
                    *key = to.to_string();
                }
            }
            Edit::Merge { keys } => {
                for k in keys.iter_mut().filter(|k| *k == from) {
                    *k = to.to_string();
                }
            }
            Edit::Add { .. } => {}
        }
    }

    /// Drops entry `index` (a stale edit the analyst no longer wants).
    pub fn drop_edit(&mut self, index: usize) -> Option<Edit> {
        (index < self.edits.len()).then(|| self.edits.remove(index))
    }
}

/// What applying a curation did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// The items rejected, as they would be (edits applied): left out of the items,
    /// for the explorer's "show rejected".
    pub rejected: Vec<Item>,
    /// Edits whose items are gone, with their place in the file and the keys not
    /// found. A merge that still finds two of its items is applied to those.
    pub stale: Vec<Stale>,
    /// Edits whose values do not fit the item they found (an end date before the
    /// item's date), with the reason; not applied.
    pub invalid: Vec<(usize, Edit, String)>,
}

/// An edit that no longer matches an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    /// Its entry in [`Curation::edits`].
    pub index: usize,
    pub edit: Edit,
    pub missing: Vec<String>,
}

impl Applied {
    /// The line the command line and the explorer show: "3 edits no longer match an
    /// item"; None when all match.
    pub fn stale_message(&self) -> Option<String> {
        match self.stale.len() {
            0 => None,
            1 => Some("1 edit no longer matches an item".into()),
            n => Some(format!("{n} edits no longer match an item")),
        }
    }
}

/// Applies the curation to items of a corpus (in its order); the items come back in
/// the corpus's order (date, document, place), with rejected ones taken out. Any
/// theme id is taken; see [`apply_with`].
pub fn apply(items: &mut Vec<Item>, curation: &Curation) -> Applied {
    apply_with(items, curation, &|_| true)
}

/// [`apply`], refusing edits and additions whose themes `known_theme` does not know
/// (a theme id that no lexicon has would show on no chart and in no filter).
pub fn apply_with(
    items: &mut Vec<Item>,
    curation: &Curation,
    known_theme: &dyn Fn(&str) -> bool,
) -> Applied {
    let mut slots: Vec<Option<Item>> = std::mem::take(items).into_iter().map(Some).collect();
    let mut at: HashMap<String, usize> = slots
        .iter()
        .enumerate()
        .filter_map(|(i, it)| it.as_ref().map(|it| (it.key.clone(), i)))
        .collect();
    let mut rejected: HashSet<usize> = HashSet::new();
    let mut out = Applied::default();
    for (index, edit) in curation.edits.iter().enumerate() {
        let missing: Vec<String> = edit
            .keys()
            .into_iter()
            .filter(|k| !at.contains_key(*k))
            .map(String::from)
            .collect();
        if !missing.is_empty() {
            out.stale.push(Stale {
                index,
                edit: edit.clone(),
                missing: missing.clone(),
            });
        }
        let mut invalid = |why: String| out.invalid.push((index, edit.clone(), why));
        let themes = match edit {
            Edit::Edit { fields, .. } => fields.themes.as_deref(),
            Edit::Add { item } => item.fields.themes.as_deref(),
            _ => None,
        };
        if let Some(t) = themes.unwrap_or_default().iter().find(|t| !known_theme(t)) {
            invalid(format!("unknown theme '{t}'"));
            continue;
        }
        match edit {
            Edit::Reject { key } => {
                if let Some(&i) = at.get(key) {
                    rejected.insert(i);
                }
            }
            Edit::Edit { key, fields } => {
                if let Some(it) = at.get(key).and_then(|&i| slots[i].as_mut()) {
                    match fields.apply_to(it) {
                        Ok(()) => {
                            if it.curated.is_none() {
                                it.curated = Some(EDITED.into());
                            }
                        }
                        Err(why) => invalid(why),
                    }
                }
            }
            Edit::Add { item } => match item.to_item() {
                Ok(it) if at.contains_key(&it.key) => {
                    invalid(format!("key {} is already an item's", it.key));
                }
                Ok(it) => {
                    at.insert(it.key.clone(), slots.len());
                    slots.push(Some(it));
                }
                Err(why) => invalid(why),
            },
            Edit::Merge { keys } => {
                let found: Vec<usize> = keys.iter().filter_map(|k| at.get(k).copied()).collect();
                if found.len() < 2 {
                    continue;
                }
                let mut merged = slots[found[0]].take();
                if let Some(m) = merged.as_mut() {
                    if m.sources.is_empty() {
                        m.sources.push(own_source(m));
                    }
                    for &i in &found[1..] {
                        let Some(other) = slots[i].take() else {
                            continue;
                        };
                        at.remove(&other.key);
                        // The merged item is rejected when its first item is.
                        rejected.remove(&i);
                        let theirs = if other.sources.is_empty() {
                            vec![own_source(&other)]
                        } else {
                            other.sources
                        };
                        for s in theirs {
                            if !m.sources.contains(&s) {
                                m.sources.push(s);
                            }
                        }
                        for t in other.themes {
                            if !m.themes.contains(&t) {
                                m.themes.push(t);
                            }
                        }
                        for c in other.conflicts {
                            if !m.conflicts.contains(&c) {
                                m.conflicts.push(c);
                            }
                        }
                    }
                    m.conflicts.retain(|c| !keys.contains(c));
                    if m.curated.is_none() {
                        m.curated = Some(EDITED.into());
                    }
                }
                slots[found[0]] = merged;
            }
            Edit::Split { key } => {
                let Some(&i) = at.get(key) else { continue };
                let Some(it) = slots[i].as_mut() else {
                    continue;
                };
                if it.sources.len() < 2 {
                    invalid("the item has one source: nothing to split".into());
                    continue;
                }
                let rest: Vec<SourceRef> = it.sources.drain(1..).collect();
                if it.curated.is_none() {
                    it.curated = Some(EDITED.into());
                }
                let base = it.clone();
                let was_rejected = rejected.contains(&i);
                for s in rest {
                    let mut part = Item {
                        id: format!("{}#{}", s.doc, s.span[0]),
                        doc: s.doc.clone(),
                        quote: s.quote.clone(),
                        span: s.span,
                        sources: vec![s],
                        ..base.clone()
                    };
                    let k = super::keys::key_of(&part);
                    let mut n = 1;
                    part.key = k.clone();
                    while at.contains_key(&part.key) {
                        n += 1;
                        part.key = format!("{k}-{n}");
                    }
                    at.insert(part.key.clone(), slots.len());
                    if was_rejected {
                        rejected.insert(slots.len());
                    }
                    slots.push(Some(part));
                }
            }
        }
    }
    let mut kept = Vec::with_capacity(slots.len());
    for (i, it) in slots.into_iter().enumerate() {
        let Some(it) = it else { continue };
        if rejected.contains(&i) {
            out.rejected.push(it);
        } else {
            kept.push(it);
        }
    }
    sort(&mut kept);
    sort(&mut out.rejected);
    *items = kept;
    out
}

/// The corpus's order (see `Corpus::from_runs`): stable, so unedited items keep theirs.
pub fn sort(items: &mut [Item]) {
    items.sort_by(|a, b| {
        (a.date.start(), &a.doc, a.span[0], a.kind).cmp(&(
            b.date.start(),
            &b.doc,
            b.span[0],
            b.kind,
        ))
    });
}

fn own_source(it: &Item) -> SourceRef {
    SourceRef {
        doc: it.doc.clone(),
        quote: it.quote.clone(),
        span: it.span,
    }
}

/// Undo and redo of a curation, as plain data: each step keeps the edits as they
/// were before it (a curation is hand-sized, so a copy per step is cheap and cannot
/// get out of step with [`Curation::record`]'s folding).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Vec<Edit>>,
    redo: Vec<Vec<Edit>>,
}

impl History {
    /// Records `edit` into `curation` as one step that can be undone.
    pub fn apply(&mut self, curation: &mut Curation, edit: Edit) -> Result<(), String> {
        let before = curation.edits.clone();
        curation.record(edit)?;
        if curation.edits != before {
            self.push(before);
        }
        Ok(())
    }

    /// Any change made to `curation` by `change` (restore, re-attach, drop), as one
    /// step that can be undone.
    pub fn change(&mut self, curation: &mut Curation, change: impl FnOnce(&mut Curation)) {
        let before = curation.edits.clone();
        change(curation);
        if curation.edits != before {
            self.push(before);
        }
    }

    fn push(&mut self, before: Vec<Edit>) {
        self.undo.push(before);
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Takes the last step back; false when there is none.
    pub fn unapply(&mut self, curation: &mut Curation) -> bool {
        match self.undo.pop() {
            Some(before) => {
                self.redo
                    .push(std::mem::replace(&mut curation.edits, before));
                true
            }
            None => false,
        }
    }

    /// Makes the last step taken back again; false when there is none.
    pub fn reapply(&mut self, curation: &mut Curation) -> bool {
        match self.redo.pop() {
            Some(after) => {
                self.undo
                    .push(std::mem::replace(&mut curation.edits, after));
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// Where a corpus's curation file is: `biotimeline-curation.json` in the first folder
/// given when it is there or can be written there; otherwise (the bundled seeds, files
/// only, a read-only folder) a file in the app's data folder named after the corpus
/// path. None when there is neither (no home folder).
pub fn location(source: &super::Source) -> Option<PathBuf> {
    location_in(source, data_dir().as_deref())
}

/// The corpus's curation file when there is one: the folder's, else the data
/// folder's. Unlike [`location`] it writes nothing to find out (a command that only
/// reads a corpus leaves its folder as it was).
pub fn find(source: &super::Source) -> Option<PathBuf> {
    find_in(source, data_dir().as_deref())
}

/// [`find`] with the app's data folder given.
pub fn find_in(source: &super::Source, data: Option<&Path>) -> Option<PathBuf> {
    if let super::Source::Paths(p) = source
        && let Some(dir) = p.iter().find(|p| p.is_dir())
    {
        let file = dir.join(FILE_NAME);
        if file.exists() {
            return Some(file);
        }
    }
    let file = data?.join("curation").join(data_file_name(source));
    file.exists().then_some(file)
}

/// [`location`] with the app's data folder given.
pub fn location_in(source: &super::Source, data: Option<&Path>) -> Option<PathBuf> {
    let folder = match source {
        super::Source::Paths(p) => p.iter().find(|p| p.is_dir()).cloned(),
        super::Source::Seeds => None,
    };
    if let Some(dir) = &folder {
        let file = dir.join(FILE_NAME);
        if file.exists() || writable(dir) {
            return Some(file);
        }
    }
    Some(data?.join("curation").join(data_file_name(source)))
}

/// The data-folder file name of a corpus: readable, and keyed by the full path
/// (canonical, so `./a` and `/x/a` are one corpus).
pub fn data_file_name(source: &super::Source) -> String {
    match source {
        super::Source::Seeds => "seeds.json".into(),
        super::Source::Paths(paths) => {
            let full: Vec<String> = paths
                .iter()
                .map(|p| {
                    std::fs::canonicalize(p)
                        .unwrap_or_else(|_| p.clone())
                        .display()
                        .to_string()
                })
                .collect();
            let name: String = paths
                .first()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .take(40)
                .collect();
            let hash = super::copies::fnv1a(full.join("\n").as_bytes());
            format!("{name}-{hash:016x}.json")
        }
    }
}

/// The app's data folder (on Linux `~/.local/share/biotimeline`), as the explorer's
/// saved state uses.
pub fn data_dir() -> Option<PathBuf> {
    eframe::storage_dir("biotimeline")
}

/// Whether a file can be made in `dir` (tried, not guessed from permission bits,
/// which say nothing of read-only mounts or of root).
fn writable(dir: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".biotimeline-")
        .tempfile_in(dir)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::item;

    fn items() -> Vec<Item> {
        let mut v = vec![
            item("a", 1, Kind::Event, "2024-01-05").build(),
            item("a", 2, Kind::Target, "2024-02-01").build(),
            item("b", 3, Kind::Event, "2024-03-01").build(),
        ];
        for (i, it) in v.iter_mut().enumerate() {
            it.key = format!("k{}", i + 1);
        }
        v
    }

    fn edit(key: &str, fields: Fields) -> Edit {
        Edit::Edit {
            key: key.into(),
            fields,
        }
    }

    #[test]
    fn bad_dates_are_refused_where_typed_and_in_files() {
        assert!(parse_date("2024-13").is_err());
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("20x4").is_err());
        assert_eq!(parse_date(" 2024-05 ").unwrap().to_string(), "2024-05");
        let file = br#"{"format":"biotimeline-curation/1","edits":[
            {"key":"k1","action":"edit","fields":{"date":"2024-13"}}]}"#;
        let e = Curation::from_bytes(file).unwrap_err();
        assert!(e.contains("2024-13"), "{e}");
        let typo = br#"{"format":"biotimeline-curation/1","edits":[
            {"key":"k1","action":"edit","fields":{"titel":"x"}}]}"#;
        assert!(Curation::from_bytes(typo).is_err());
        let period = br#"{"format":"biotimeline-curation/1","edits":[
            {"key":"k1","action":"edit","fields":{"period":[2025,2023]}}]}"#;
        assert!(Curation::from_bytes(period).unwrap_err().contains("edit 1"));
    }

    #[test]
    fn the_spec_example_reads() {
        let file = r#"{"format": "biotimeline-curation/1",
         "edits": [
           {"key": "k1", "action": "reject"},
           {"key": "k2", "action": "edit", "fields": {"title": "t", "date": "2024-05", "deadline": 2027, "end_date": null}},
           {"action": "add", "item": {"kind": "event", "date": "2024-01-02", "title": "x",
                                      "doc": "a", "quote": "q", "region": "上海"}},
           {"action": "merge", "keys": ["k2", "k3"]}
         ]}"#.as_bytes();
        let c = Curation::from_bytes(file).unwrap();
        assert_eq!(c.edits.len(), 4);
        let Edit::Edit { fields, .. } = &c.edits[1] else {
            panic!()
        };
        assert_eq!(fields.end_date, Some(None));
        assert_eq!(fields.deadline, Some(Some(2027)));
        assert_eq!(fields.region, None);
        let Edit::Add { item } = &c.edits[2] else {
            panic!()
        };
        assert_eq!(item.fields.region, Some(Some("上海".into())));
        // Written and read again: the same curation, and the same bytes.
        let bytes = c.to_bytes();
        let again = Curation::from_bytes(&bytes).unwrap();
        let bom = [b"\xef\xbb\xbf".as_slice(), &bytes].concat();
        assert_eq!(Curation::from_bytes(&bom).unwrap(), c);
        assert_eq!(again, c);
        assert_eq!(again.to_bytes(), bytes);
    }

    #[test]
    fn apply_rejects_edits_adds_merges_and_lists_stale_edits() {
        let mut c = Curation::default();
        c.record(Edit::Reject { key: "k1".into() }).unwrap();
        c.record(edit(
            "k2",
            Fields {
                value: Some(5e9),
                unit: Some("元".into()),
                deadline: Some(Some(2027)),
                ..Fields::default()
            },
        ))
        .unwrap();
        c.record(edit(
            "k2",
            Fields {
                title: Some("新标题".into()),
                ..Fields::default()
            },
        ))
        .unwrap();
        c.record(Edit::Add {
            item: NewItem {
                key: String::new(),
                kind: Kind::Event,
                date: PartialDate::day(2024, 6, 1).unwrap(),
                title: "补充".into(),
                doc: "b".into(),
                quote: "补充的句子。".into(),
                span: [10, 16],
                fields: Fields::default(),
            },
        })
        .unwrap();
        c.record(Edit::Merge {
            keys: vec!["k3".into(), "k2".into()],
        })
        .unwrap();
        c.record(Edit::Reject { key: "gone".into() }).unwrap();
        // One entry per item and change: the two edits of k2 are one.
        assert_eq!(c.edits.len(), 5);

        let mut v = items();
        let applied = apply(&mut v, &c);
        assert_eq!(applied.rejected.len(), 1);
        assert_eq!(applied.rejected[0].key, "k1");
        assert_eq!(applied.stale.len(), 1);
        assert_eq!(applied.stale[0].missing, vec!["gone".to_string()]);
        assert_eq!(
            applied.stale_message().unwrap(),
            "1 edit no longer matches an item"
        );
        assert!(applied.invalid.is_empty(), "{:?}", applied.invalid);
        // k2 merged into k3; the added item is there.
        assert_eq!(v.len(), 2);
        let merged = v.iter().find(|i| i.key == "k3").unwrap();
        assert_eq!(merged.sources.len(), 2);
        assert_eq!(merged.curated.as_deref(), Some(EDITED));
        let added = v.iter().find(|i| i.title == "补充").unwrap();
        assert_eq!(added.curated.as_deref(), Some(ADDED));
        assert_eq!(added.sources.len(), 1);
    }

    #[test]
    fn edits_change_fields_and_refuse_what_does_not_fit() {
        let mut c = Curation::default();
        c.record(edit(
            "k2",
            Fields {
                value: Some(3.0),
                unit: Some("家".into()),
                qualifier: Some(Qualifier::AtLeast),
                subject: Some(Some("企业".into())),
                region: Some(None),
                themes: Some(vec!["clinical".into()]),
                date: Some(parse_date("2025").unwrap()),
                ..Fields::default()
            },
        ))
        .unwrap();
        c.record(edit(
            "k1",
            Fields {
                end_date: Some(Some(parse_date("2023-01").unwrap())),
                ..Fields::default()
            },
        ))
        .unwrap();
        let mut v = items();
        let applied = apply(&mut v, &c);
        assert_eq!(applied.invalid.len(), 1, "end date before the date");
        let k1 = v.iter().find(|i| i.key == "k1").unwrap();
        assert_eq!(k1.curated, None);
        assert_eq!(k1.end_date, None);
        let k2 = v.iter().find(|i| i.key == "k2").unwrap();
        let q = k2.quantity.as_ref().unwrap();
        assert_eq!(
            (q.value, q.unit.as_str(), q.qualifier),
            (3.0, "家", Qualifier::AtLeast)
        );
        assert_eq!(q.text, "至少3家");
        assert_eq!(k2.subject.as_deref(), Some("企业"));
        assert_eq!(k2.date.to_string(), "2025");
        assert_eq!(k2.themes, vec!["clinical".to_string()]);
        // Re-sorted: the year-precision 2025 item comes last.
        assert_eq!(v.last().unwrap().key, "k2");
        // Theme ids no lexicon knows are refused when a lexicon is given.
        let mut v = items();
        let applied = apply_with(&mut v, &c, &|t| t != "clinical");
        assert!(
            applied
                .invalid
                .iter()
                .any(|(_, _, why)| why.contains("clinical"))
        );
        assert!(v.iter().all(|i| i.themes.is_empty()));
    }

    #[test]
    fn value_max_and_basis_are_edited_and_read_back() {
        let mut c = Curation::default();
        c.record(edit(
            "k2",
            Fields {
                value: Some(3.0),
                value_max: Some(Some(5.0)),
                unit: Some("家".into()),
                basis: Some(Some(Basis::Forecast)),
                ..Fields::default()
            },
        ))
        .unwrap();
        let bytes = c.to_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("\"value_max\": 5.0"), "{text}");
        assert!(text.contains("\"basis\": \"forecast\""), "{text}");
        assert_eq!(Curation::from_bytes(&bytes).unwrap(), c);
        let mut v = items();
        apply(&mut v, &c);
        let k2 = v.iter().find(|i| i.key == "k2").unwrap();
        let q = k2.quantity.as_ref().unwrap();
        assert_eq!((q.value, q.value_max), (3.0, Some(5.0)));
        assert_eq!(q.text, "3家至5家");
        assert_eq!(k2.basis, Some(Basis::Forecast));
        // null takes the range and the basis away again.
        c.record(edit(
            "k2",
            Fields {
                value_max: Some(None),
                basis: Some(None),
                ..Fields::default()
            },
        ))
        .unwrap();
        let mut v = items();
        apply(&mut v, &c);
        let k2 = v.iter().find(|i| i.key == "k2").unwrap();
        assert_eq!(k2.quantity.as_ref().unwrap().value_max, None);
        assert_eq!(k2.quantity.as_ref().unwrap().text, "3家");
        assert_eq!(k2.basis, None);
        // An upper value below the value is refused where it is typed.
        let low = Fields {
            value: Some(5.0),
            value_max: Some(Some(3.0)),
            ..Fields::default()
        };
        assert!(low.check().unwrap_err().contains("below"));
        // Files written before these fields existed still read.
        let old = br#"{"format":"biotimeline-curation/1","edits":[
            {"key":"k1","action":"edit","fields":{"value":2.0}}]}"#;
        assert!(Curation::from_bytes(old).is_ok());
    }

    #[test]
    fn an_item_added_from_a_selection_takes_what_the_rules_found() {
        let mut target = item("a", 7, Kind::Target, "2024-11-16")
            .quantity(1e12, "元", "1万亿元")
            .subject("产业规模")
            .deadline(2027)
            .themes(&["scale"])
            .build();
        target.title = "产业规模目标".into();
        let sel = crate::extract::Selected {
            items: vec![target],
            date: Some(parse_date("2024-11").unwrap()),
            quote: "到2027年产业规模达到1万亿元".into(),
            span: [30, 46],
            in_selection: true,
        };
        let new = NewItem::from_selection(&sel, Kind::Target, "a").unwrap();
        // Dated as the sentence, titled and filled by the rules, with a key.
        assert_eq!(new.date.to_string(), "2024-11");
        assert_eq!(new.title, "产业规模目标");
        assert_eq!(new.fields.value, Some(1e12));
        assert_eq!(new.fields.deadline, Some(Some(2027)));
        assert_eq!(new.fields.subject, Some(Some("产业规模".into())));
        assert_eq!(
            (new.quote.as_str(), new.span),
            (sel.quote.as_str(), [30, 46])
        );
        assert!(new.key.starts_with("added-"));
        let it = new.to_item().unwrap();
        assert_eq!(it.quantity.unwrap().text, "1万亿元");
        // As another kind: the selection is the title, only themes carry over.
        let event = NewItem::from_selection(&sel, Kind::Event, "a").unwrap();
        assert_eq!(event.title, "到2027年产业规模达到1万亿元");
        assert_eq!(event.fields.value, None);
        assert_eq!(event.fields.themes, Some(vec!["scale".to_string()]));
        // Found in the sentence rather than the selection: the selection is the title.
        let wider = crate::extract::Selected {
            in_selection: false,
            ..sel.clone()
        };
        let t = NewItem::from_selection(&wider, Kind::Target, "a").unwrap();
        assert_eq!(t.title, "到2027年产业规模达到1万亿元");
        assert_eq!(t.fields.value, Some(1e12));
        // Nothing selected, or no date anywhere: refused with a reason.
        let empty = crate::extract::Selected {
            quote: " ".into(),
            ..sel.clone()
        };
        assert!(NewItem::from_selection(&empty, Kind::Event, "a").is_err());
        let undated = crate::extract::Selected {
            items: Vec::new(),
            date: None,
            ..sel
        };
        assert!(NewItem::from_selection(&undated, Kind::Event, "a").is_err());
    }

    #[test]
    fn a_curated_copy_leaves_the_base_and_can_show_rejected_items() {
        let base = crate::testkit::corpus_of(items());
        let key = base.items[0].key.clone();
        let mut c = Curation::default();
        c.record(Edit::Reject { key: key.clone() }).unwrap();
        let (hidden, applied) = base.curated(&c, false);
        assert_eq!(hidden.items.len(), 2);
        assert_eq!(applied.rejected.len(), 1);
        assert!(hidden.rejected.is_empty());
        // The base is as extracted, so an undo is one more application.
        assert_eq!(base.items.len(), 3);
        let (shown, _) = base.curated(&c, true);
        assert_eq!(shown.items.len(), 3);
        let at = shown.items.iter().position(|i| i.key == key).unwrap();
        assert!(shown.is_rejected(&shown.items[at]));
        assert_eq!(
            shown.items.iter().filter(|i| shown.is_rejected(i)).count(),
            1
        );
        // The view hides it unless asked to show it.
        let f = super::super::Filter::default();
        assert_eq!(super::super::View::new(&shown, &f).items.len(), 2);
        let f = super::super::Filter {
            show_rejected: true,
            ..f
        };
        assert!(super::super::View::new(&shown, &f).items.contains(&at));
        let only = super::super::Filter {
            only_curated: true,
            ..f
        };
        assert_eq!(super::super::View::new(&shown, &only).items, vec![at]);
    }

    #[test]
    fn split_gives_each_source_its_item_and_undoes_a_merge() {
        let mut v = items();
        v[0].sources = vec![
            own_source(&v[0]),
            SourceRef {
                doc: "c".into(),
                quote: "另一句。".into(),
                span: [3, 7],
            },
        ];
        let mut c = Curation::default();
        c.record(Edit::Split { key: "k1".into() }).unwrap();
        let mut split = v.clone();
        apply(&mut split, &c);
        assert_eq!(split.len(), 4);
        assert!(split.iter().any(|i| i.doc == "c" && i.quote == "另一句。"));
        let keys: HashSet<&str> = split.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys.len(), 4);

        // Splitting what a merge made takes the merge away.
        let mut c = Curation::default();
        c.record(Edit::Merge {
            keys: vec!["k1".into(), "k3".into()],
        })
        .unwrap();
        c.record(Edit::Split { key: "k1".into() }).unwrap();
        assert!(c.edits.is_empty());
    }

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut c = Curation::default();
        let mut h = History::default();
        h.apply(&mut c, Edit::Reject { key: "k1".into() }).unwrap();
        h.apply(
            &mut c,
            edit(
                "k2",
                Fields {
                    title: Some("x".into()),
                    ..Fields::default()
                },
            ),
        )
        .unwrap();
        assert!(
            h.apply(
                &mut c,
                edit(
                    "k2",
                    Fields {
                        title: Some(" ".into()),
                        ..Fields::default()
                    }
                )
            )
            .is_err()
        );
        assert_eq!(c.edits.len(), 2);
        assert!(h.unapply(&mut c));
        assert_eq!(c.edits, vec![Edit::Reject { key: "k1".into() }]);
        assert!(h.unapply(&mut c));
        assert!(c.edits.is_empty());
        assert!(!h.unapply(&mut c));
        assert!(h.reapply(&mut c));
        assert_eq!(c.edits.len(), 1);
        // A new step forgets what was undone.
        h.change(&mut c, |c| c.restore("k1"));
        assert!(c.edits.is_empty());
        assert!(!h.can_redo());
        // Rejecting an added item takes the addition away.
        let add = Edit::Add {
            item: NewItem {
                key: "new".into(),
                kind: Kind::Event,
                date: PartialDate::year(2024),
                title: "t".into(),
                doc: String::new(),
                quote: String::new(),
                span: [0, 0],
                fields: Fields::default(),
            },
        };
        h.apply(&mut c, add).unwrap();
        h.apply(&mut c, Edit::Reject { key: "new".into() }).unwrap();
        assert!(c.edits.is_empty());
        assert!(h.unapply(&mut c));
        assert_eq!(c.edits.len(), 1);
    }

    #[test]
    fn location_is_the_folder_or_the_data_folder() {
        let t = tempfile::TempDir::new().unwrap();
        let data = t.path().join("data");
        let src = super::super::Source::Paths(vec![t.path().to_path_buf()]);
        assert_eq!(
            location_in(&src, Some(&data)),
            Some(t.path().join(FILE_NAME))
        );
        let seeds = location_in(&super::super::Source::Seeds, Some(&data)).unwrap();
        assert_eq!(seeds, data.join("curation").join("seeds.json"));
        let file = t.path().join("one.txt");
        std::fs::write(&file, "x").unwrap();
        let files = location_in(&super::super::Source::Paths(vec![file]), Some(&data)).unwrap();
        assert!(
            files.starts_with(data.join("curation")),
            "{}",
            files.display()
        );
        assert!(
            files
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("one.txt-")
        );
        assert_eq!(location_in(&super::super::Source::Seeds, None), None);
        assert_eq!(find_in(&src, Some(&data)), None);
        std::fs::write(t.path().join(FILE_NAME), "{}").unwrap();
        assert_eq!(find_in(&src, Some(&data)), Some(t.path().join(FILE_NAME)));
    }

    #[test]
    fn a_title_the_rules_made_follows_an_edited_figure_and_deadline() {
        let goal = || {
            item("d", 0, Kind::Target, "2022-11-14")
                .title("生物医药制造业产值 2,400亿元 (2025)")
                .subject("生物医药制造业产值")
                .quantity(2.4e11, "元", "2,400亿元")
                .deadline(2025)
                .build()
        };
        let mut it = goal();
        Fields {
            value: Some(2.5e11),
            deadline: Some(Some(2027)),
            ..Fields::default()
        }
        .apply_to(&mut it)
        .unwrap();
        assert_eq!(it.title, "生物医药制造业产值 2,500亿元 (2027)");
        // A title the analyst writes in the same edit is kept as written.
        let mut it = goal();
        Fields {
            title: Some("制造业产值目标".into()),
            value: Some(2.5e11),
            ..Fields::default()
        }
        .apply_to(&mut it)
        .unwrap();
        assert_eq!(it.title, "制造业产值目标");
    }
}
