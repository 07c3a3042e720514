//! The detail panel's account of who reports an item: every source with its outlet,
//! date and sentence, a flag when other reports give another value, and the copies
//! of the item's document.
//!
//! Its texts are kept here (not in [`super::i18n`]) while the panel is small; they
//! move there with the next change of the labels.

use super::i18n::Lang;
use crate::extract::Item;
use crate::model::Corpus;
use egui::{Color32, RichText};

/// "3 sources" / "3 个来源".
pub fn source_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 个来源"),
        Lang::En if n == 1 => "1 source".to_string(),
        Lang::En => format!("{n} sources"),
    }
}

/// "2 sources disagree" / "2 个来源数值不一".
pub fn disagree_text(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 个来源数值不一"),
        Lang::En => format!("{n} sources disagree"),
    }
}

/// "also: 3 reposts" / "另有 3 篇转载".
pub fn reposts_text(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 篇转载"),
        Lang::En if n == 1 => "also: 1 repost".to_string(),
        Lang::En => format!("also: {n} reposts"),
    }
}

/// Outlet and date of a document, "光明日报 · 2022-11-16", its id when neither is known.
fn byline(corpus: &Corpus, doc: &str) -> String {
    let Some(d) = corpus.document(doc) else {
        return doc.to_string();
    };
    let parts: Vec<String> = d
        .source
        .clone()
        .into_iter()
        .chain(d.published.map(|p| p.to_string()))
        .collect();
    if parts.is_empty() {
        d.id.clone()
    } else {
        parts.join(" · ")
    }
}

/// The conflict flag, every source and the copies of the item's document.
pub fn sources_ui(ui: &mut egui::Ui, corpus: &Corpus, item: &Item, lang: Lang) {
    if !item.conflicts.is_empty() {
        let warn = Color32::from_rgb(0xC0, 0x39, 0x2B);
        ui.label(
            RichText::new(disagree_text(item.conflicts.len() + 1, lang))
                .color(warn)
                .strong(),
        );
        let others = item
            .conflicts
            .iter()
            .filter_map(|k| corpus.items.iter().find(|it| &it.key == k));
        for it in std::iter::once(item).chain(others) {
            let value = it.quantity.as_ref().map_or("", |q| q.text.as_str());
            ui.label(format!("{value} — {}", byline(corpus, &it.doc)));
        }
        ui.add_space(4.0);
    }
    let heading = source_count(item.sources.len().max(1), lang);
    egui::CollapsingHeader::new(RichText::new(heading).strong())
        .id_salt("detail.sources")
        .default_open(item.sources.len() > 1)
        .show(ui, |ui| {
            for s in &item.sources {
                ui.label(RichText::new(byline(corpus, &s.doc)).weak());
                let mark = ui.visuals().selection.bg_fill.linear_multiply(0.5);
                ui.add(
                    egui::Label::new(RichText::new(s.quote.as_str()).background_color(mark)).wrap(),
                );
                ui.add_space(3.0);
            }
        });
    let copies = corpus.copies_of(&item.doc);
    if !copies.is_empty() {
        egui::CollapsingHeader::new(reposts_text(copies.len(), lang))
            .id_salt("detail.reposts")
            .show(ui, |ui| {
                for d in copies {
                    ui.label(format!("{} — {}", byline(corpus, &d.id), d.path.display()));
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(source_count(1, Lang::En), "1 source");
        assert_eq!(source_count(3, Lang::En), "3 sources");
        assert_eq!(disagree_text(2, Lang::En), "2 sources disagree");
        assert_eq!(reposts_text(3, Lang::En), "also: 3 reposts");
        assert_eq!(reposts_text(3, Lang::Zh), "另有 3 篇转载");
    }
}
