//! The rule lexicon (assets/lexicon.toml): the words of general news and policy
//! language that the rules look for, kept as data so that an analyst can extend a
//! list without reading Rust.
//!
//! The rules keep the grammar (the shape of a date, a number, a line) and read their
//! words from here. Each list is named in [`SCHEMA`] with what it is for; a file that
//! names a list the schema does not know, leaves one out, or holds an empty list, a
//! repeated word or a value that is not a string is refused with its file name and
//! line, so a typo never silently turns a rule off.
//!
//! The lexicon is installed once per process, before any document is read
//! ([`install`]); rule modules build their fast tables (automata, sorted word lists,
//! regexes) from [`get`] once, lazily. This module imports nothing of the crate: it
//! sits below the corpus and extract stages that read it.

use std::path::Path;
use std::sync::OnceLock;

/// One entry of the schema: every list the rules read, with what it is for.
#[derive(Debug, Clone, Copy)]
pub struct ListSpec {
    pub section: &'static str,
    pub key: &'static str,
    pub what: &'static str,
}

const fn list(section: &'static str, key: &'static str, what: &'static str) -> ListSpec {
    ListSpec { section, key, what }
}

/// Every list the rules read. Words are matched against the matching key of a line
/// (simplified script, ASCII punctuation), so they are written in simplified Chinese
/// with ASCII punctuation.
pub const SCHEMA: &[ListSpec] = &[
    // Page furniture the cleaner drops (src/corpus/clean.rs), and the header rules
    // (src/corpus/header.rs).
    list(
        "clean",
        "widget_words",
        "share buttons, reaction counters, app prompts: a short line made only of these is page furniture",
    ),
    list(
        "clean",
        "widget_phrases",
        "phrases only share, reaction and app widgets use: a short line containing one is page furniture",
    ),
    list(
        "clean",
        "related_headings",
        "headings of the related / recommended lists under an article: the article ends above one",
    ),
    list(
        "clean",
        "heading_suffixes",
        "words that may follow a related-list heading on its line (\"相关新闻推荐\")",
    ),
    list(
        "clean",
        "editor_labels",
        "labels of the editor line that closes an article (\"责任编辑:\")",
    ),
    list(
        "clean",
        "teaser_links",
        "links that end a teaser of a news list (\"查看详情>>\")",
    ),
    list(
        "clean",
        "photo_credit_marks",
        "what ends a photo credit after the name (\"某某 摄\")",
    ),
    list(
        "clean",
        "breadcrumb_home",
        "how the first crumb of a breadcrumb starts (\"首页\", \"当前位置\")",
    ),
    list(
        "clean",
        "breadcrumb_article",
        "the last crumb that names the article page itself (\"正文\")",
    ),
    list(
        "clean",
        "source_label_kinds",
        "what a source label in the body may name before it (\"文章来源:\")",
    ),
    list(
        "clean",
        "notice_labels",
        "labels of the notices and links that end an article (\"免责声明:\")",
    ),
    list(
        "clean",
        "reprint_openers",
        "how a reprint note that ends an article starts (\"本文转载自\")",
    ),
    list(
        "clean",
        "takedown_phrases",
        "phrases of a takedown notice, anywhere in a line: the article ends there",
    ),
    list(
        "clean",
        "comment_floor_words",
        "what follows the number of a comment in a forum thread (\"3楼:\")",
    ),
    list(
        "clean",
        "issuer_endings",
        "endings of the bodies that sign a notice (its signature is kept)",
    ),
    list(
        "header",
        "title_labels",
        "labels that state the title outright (\"标题:\")",
    ),
    list(
        "header",
        "reading_labels",
        "labels of a line naming the title it stands for (\"原标题:\")",
    ),
    list(
        "header",
        "outlet_endings",
        "endings of outlet names (\"网\", \"日报\", \"客户端\")",
    ),
    list(
        "header",
        "source_labels",
        "labels that name the source before a colon (\"来源:\")",
    ),
    list(
        "header",
        "meta_labels",
        "the other labels of the metadata lines under a headline (\"发布时间:\")",
    ),
    list(
        "header",
        "next_labels",
        "labels that end the outlet named after a source label",
    ),
    list(
        "header",
        "role_suffixes",
        "role words stripped from the end of a byline's outlet (\"全媒体\")",
    ),
    list(
        "header",
        "self_references",
        "outlets that point back at the page itself or at nobody (\"本报\")",
    ),
    list(
        "header",
        "self_reference_prefixes",
        "self-references that also refuse any outlet they start",
    ),
    list(
        "header",
        "byline_roles",
        "role words of a labelled byline, before a bar, colon or slash",
    ),
    list(
        "header",
        "role_prefixes",
        "words a role word may carry in front (\"首席记者\")",
    ),
    list(
        "header",
        "name_first_roles",
        "role words of a byline with the name right after them, then a slash",
    ),
    list(
        "header",
        "spaced_roles",
        "role words of a byline of names separated by spaces",
    ),
    list(
        "header",
        "name_roles",
        "role words that may stand before each further name of a byline",
    ),
    list(
        "header",
        "lead_roles",
        "the role word after the outlet that opens a first paragraph",
    ),
    list(
        "header",
        "dateline_outlet_endings",
        "how the outlet of a dateline ends (\"新华社\")",
    ),
    list(
        "header",
        "dateline_words",
        "the word that closes a dateline (\"电\")",
    ),
    list(
        "header",
        "publish_labels",
        "labels of a page's publication date (发布日期, 发布时间)",
    ),
    list(
        "header",
        "other_date_labels",
        "labels of a page's other dates (成文日期, 更新时间): a date after one is never the publication",
    ),
    list(
        "header",
        "channel_endings",
        "endings of a <title> part that names a channel, not the outlet (频道)",
    ),
    list(
        "header",
        "title_chrome",
        "words of a <title> part that names the forum or site software, never the headline (\"powered by\")",
    ),
    list(
        "header",
        "reprint_labels",
        "words that open a short reprint line naming its outlet (\"转自\")",
    ),
    list(
        "header",
        "report_openers",
        "the word before an outlet a paragraph opens by citing (\"据\")",
    ),
    list(
        "header",
        "report_words",
        "the word after an outlet a paragraph opens by citing (\"报道\")",
    ),
    list(
        "header",
        "summary_labels",
        "labels of a summary under the headline (\"摘要\")",
    ),
    // Events: sentences that report something that happened (src/extract/items.rs).
    list(
        "events",
        "verbs",
        "verbs that make a sentence report an event (开幕, 签约, 发布)",
    ),
    list(
        "events",
        "opening",
        "event verbs of an opening: the event an article is usually about",
    ),
    list(
        "events",
        "noun_before",
        "words before an event verb that make it a noun (图谱的发布, 此次发布)",
    ),
    list(
        "events",
        "noun_after",
        "words after an event verb that make it a modifier (开幕式, 发布会)",
    ),
    list(
        "events",
        "speech",
        "words of an opinion or a habit: an event verb after one reports no event",
    ),
    list(
        "events",
        "background",
        "words of background or a span of time (以来, 在此背景下): no event in the sentence",
    ),
    list(
        "events",
        "future",
        "words of the future before an event verb: without a date, a plan, not an event",
    ),
    list(
        "events",
        "condition",
        "words that open a clause of condition (经市政府批准): that clause is no event",
    ),
    // Policies: 《titles》 of policy documents, their issuers (src/extract/items.rs).
    list(
        "policies",
        "title_ends",
        "last words of a policy document's title (方案, 意见, 办法)",
    ),
    list(
        "policies",
        "reference",
        "words before a 《title》 that only refer to it (根据《…》): no release",
    ),
    list(
        "policies",
        "alias",
        "words before a 《short name》 of a title already given (简称《办法》)",
    ),
    list(
        "policies",
        "states",
        "verbs of a policy stating its content (规划提出): its goals date from it",
    ),
    list(
        "policies",
        "issue_verbs",
        "verbs of issuing a policy: the names before them are its issuers",
    ),
    list(
        "policies",
        "issue_joint",
        "words of issuing together, before an issuing verb (联合印发)",
    ),
    list(
        "policies",
        "issue_then",
        "words after an issuing verb, before the 《title》 (制定并印发)",
    ),
    list(
        "policies",
        "issue_end",
        "particles after the issuing words, before the 《title》 (印发了《…》)",
    ),
    list(
        "policies",
        "issuer_by",
        "words before the issuers that are not part of their names (由…印发)",
    ),
    list(
        "policies",
        "issuer_joiners",
        "chars joining two issuers' names (市经信委和市卫健委)",
    ),
    list(
        "policies",
        "org_suffixes",
        "last words of an organisation's name: an issuer ends in one (委员会, 局)",
    ),
    // Titles and subjects cut from sentences (src/extract/items.rs).
    list(
        "titles",
        "leading",
        "connectors and scene-setters trimmed from the front of titles and subjects",
    ),
    // Targets and metrics: figures, their subjects, goals and reports (src/extract/items.rs).
    list(
        "figures",
        "goal",
        "words that make a figure a goal (力争, 目标, 预计)",
    ),
    list(
        "figures",
        "past",
        "words that say a figure has been reached, not set as a goal (已有, 截至)",
    ),
    list(
        "figures",
        "link_verbs",
        "verbs and modal words between a figure's subject and the figure (达到, 突破, 力争)",
    ),
    list(
        "figures",
        "forecast",
        "words of an expectation (预计, 有望): a figure after one is a forecast",
    ),
    list(
        "figures",
        "now",
        "words that state a figure as of now (目前, 现有): dated by the report",
    ),
    list(
        "figures",
        "object_verbs",
        "verbs after which a figure's subject follows it (打造10家智能工厂)",
    ),
    list(
        "figures",
        "cut_before",
        "verbs whose object, after them, is the subject of a figure (获批临床批件133件)",
    ),
    list(
        "figures",
        "cut_after",
        "verbs that end a subject following its figure (8个医疗器械进入…)",
    ),
    list(
        "figures",
        "scale_goal",
        "verbs of building that make an order of magnitude a goal (打造千亿级产业集群)",
    ),
    list(
        "figures",
        "rate_words",
        "words of a rate of change (年均复合增长率) ending a trend's subject",
    ),
    list(
        "figures",
        "open_goal",
        "words of a goal that needs no deadline (力争, 每年, 今年将)",
    ),
    list(
        "figures",
        "this_year_goal",
        "words that make a goal without a deadline due this year (今年, 年内)",
    ),
    list(
        "figures",
        "trivia_units",
        "units whose figures are event trivia, not tracked (人)",
    ),
    // Figures with units (src/extract/quantity.rs). Numerals and 万/亿 are grammar, in Rust.
    list(
        "quantities",
        "units",
        "unit words: a number counts as a figure only with one of these after it",
    ),
    list(
        "quantities",
        "yuan",
        "words for the yuan reported as 元 (人民币)",
    ),
    list(
        "quantities",
        "at_least_before",
        "words before a figure that make it a minimum (不少于, 至少)",
    ),
    list(
        "quantities",
        "at_most_before",
        "words before a figure that make it a maximum (不超过)",
    ),
    list(
        "quantities",
        "about_before",
        "words before a figure that make it approximate (近, 约)",
    ),
    list(
        "quantities",
        "over_before",
        "words before a figure that say the true one is above it (超过, 突破)",
    ),
    list(
        "quantities",
        "at_least_after",
        "words after a figure that make it a minimum (以上)",
    ),
    list(
        "quantities",
        "at_most_after",
        "words after a figure that make it a maximum (以下, 以内)",
    ),
    list(
        "quantities",
        "about_after",
        "words after a figure that make it approximate (左右)",
    ),
    list(
        "quantities",
        "over_suffix",
        "words between a number and its unit that say the true figure is above it (二十余家)",
    ),
    list(
        "quantities",
        "scale_before",
        "words before an order of magnitude (超千亿级) that qualify it",
    ),
    // Time words (src/extract/dates.rs). Digits, 年/月/日 and the shape of a date are
    list(
        "dates",
        "dateline",
        "words after a date that make it the report's dateline (11月9日报道)",
    ),
    list(
        "dates",
        "to",
        "words before a year that make it a deadline (到2025年, 到“十五五”末)",
    ),
    list(
        "dates",
        "as_of",
        "words before a year that date a state up to it (截至2024年)",
    ),
    list(
        "dates",
        "change",
        "verbs of change before 到/至 a year (增长至2024年): a date, no deadline",
    ),
    list(
        "dates",
        "plan_end",
        "words after a five-year plan that name its end (十五五末)",
    ),
    list(
        "dates",
        "plan_span",
        "words after a five-year plan that belong to its mention (十四五期间)",
    ),
    list(
        "dates",
        "month_parts",
        "words after N月 that belong to the month (10月份, 10月中旬)",
    ),
    list(
        "dates",
        "month_not_after",
        "chars before N月 that make it a count, not a month (第3个月)",
    ),
    list(
        "dates",
        "day_times",
        "times of day after N日 that belong to it (16日上午)",
    ),
    list(
        "dates",
        "day_not",
        "words after N日/N号 that make it no day (30日内, 2号线)",
    ),
    list(
        "dates",
        "day_not_after",
        "chars before N日 that make it a count, not a day (为期3日, 连续5日)",
    ),
    list(
        "dates",
        "future",
        "words before N年 that count years ahead to a deadline (今后两年, 未来三年)",
    ),
    list(
        "dates",
        "today",
        "words for the day of the report (今日, 今天)",
    ),
    list(
        "dates",
        "yesterday",
        "words for the day before the report (昨天)",
    ),
    list(
        "dates",
        "day_before_yesterday",
        "words for two days before the report (前天)",
    ),
    list(
        "dates",
        "tomorrow",
        "words for the day after the report (明天)",
    ),
    list(
        "dates",
        "day_name_after",
        "words after a day word that make a name (明日之星, 今日头条)",
    ),
    list(
        "dates",
        "day_name_before",
        "words before a day word that make a name (光明日报)",
    ),
    list(
        "dates",
        "recent",
        "words for recently: the month of the report (近日, 日前)",
    ),
    list(
        "dates",
        "this_year",
        "words for the year of the report, also before a month (今年3月)",
    ),
    list(
        "dates",
        "last_year",
        "words for the year before the report (去年)",
    ),
    list(
        "dates",
        "next_year",
        "words for the year after the report (明年)",
    ),
    list(
        "dates",
        "year_before_last",
        "words for two years before the report (前年)",
    ),
    list(
        "dates",
        "this_year_parts",
        "words for the year of the report or a part of it, never before a month (上半年)",
    ),
    list(
        "dates",
        "year_not",
        "words after N年 that make it no year (2023年度, 90年代)",
    ),
    list(
        "dates",
        "this_month",
        "words for the month of the report (本月)",
    ),
    list(
        "dates",
        "last_month",
        "words for the month before the report (上月)",
    ),
    list(
        "dates",
        "next_month",
        "words for the month after the report, before a day (下月5日)",
    ),
    list(
        "dates",
        "weeks",
        "words for a week near the report, before a weekday (本周五)",
    ),
    // Places a fact is about (src/extract/region.rs), most general first. An entry
    // is the name, or `alias=name` for another way of writing it.
    list(
        "regions",
        "nation",
        "the country or a multi-province region (全国, 我国=全国, 长三角)",
    ),
    list(
        "regions",
        "city",
        "the city written about and its stand-ins (上海, 沪=上海, 全市=上海)",
    ),
    list(
        "regions",
        "district",
        "districts of the city (浦东新区, 浦东=浦东新区)",
    ),
    list(
        "regions",
        "area",
        "parks, zones and science cities inside a district (张江, 临港)",
    ),
    list(
        "regions",
        "own_district",
        "words that open a subject about the writer's own district (全区)",
    ),
    // Subject matching (src/model/subject.rs): whether two targets or metrics measure
    // the same thing.
    list(
        "subjects",
        "place_prefixes",
        "leading words that only say where (全市产值 is 产值): dropped when something is left",
    ),
    list(
        "subjects",
        "synonyms",
        "general synonyms as `word=replacement`, longest first (营业收入=营收)",
    ),
    list(
        "subjects",
        "measure_suffixes",
        "trailing words that only say how much of it (标准厂房规模 is 标准厂房 counted)",
    ),
];

/// The lexicon shipped in the binary.
pub const BUILTIN: &str = include_str!("../assets/lexicon.toml");

/// Every list of [`SCHEMA`], in its order.
#[derive(Debug, Clone)]
pub struct Lexicon {
    lists: Vec<Vec<String>>,
}

/// Why a lexicon file was refused. The message names the file and, for a file that was
/// read, the line.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {file}: {reason}")]
    Read { file: String, reason: String },
    #[error("lexicon {file}, line {line}: {reason}")]
    Invalid {
        file: String,
        line: usize,
        reason: String,
    },
}

impl Lexicon {
    /// The built-in lexicon. It is tested to be valid, so a failure here is a broken
    /// build, not bad input.
    pub fn builtin() -> Lexicon {
        match Lexicon::from_toml(BUILTIN, "assets/lexicon.toml") {
            Ok(l) => l,
            Err(e) => panic!("the built-in lexicon is broken: {e}"),
        }
    }

    /// Parses and validates a lexicon; `name` is how errors name the file.
    pub fn from_toml(text: &str, name: &str) -> Result<Lexicon, LexiconError> {
        use toml::de::{DeTable, DeValue};
        let line_of = |offset: usize| {
            text.get(..offset)
                .map_or(1, |s| s.bytes().filter(|&b| b == b'\n').count() + 1)
        };
        let invalid = |offset: usize, reason: String| LexiconError::Invalid {
            file: name.to_string(),
            line: line_of(offset),
            reason,
        };
        let root = DeTable::parse(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            // The parser's message can run over several lines; the first says what.
            let reason = e.message().lines().next().unwrap_or("not TOML").to_string();
            invalid(at, reason)
        })?;
        let mut lists: Vec<Option<Vec<String>>> = vec![None; SCHEMA.len()];
        // Where each section starts, for a list missing from it.
        let mut section_at: Vec<(&str, usize)> = Vec::new();
        for (section, value) in root.get_ref() {
            let s = section.get_ref().as_ref();
            let at = section.span().start;
            let DeValue::Table(table) = value.get_ref() else {
                return Err(invalid(
                    at,
                    format!("'{s}' must be a [section] of word lists"),
                ));
            };
            if !SCHEMA.iter().any(|l| l.section == s) {
                return Err(invalid(at, format!("unknown section [{s}]")));
            }
            section_at.push((s, at));
            for (key, value) in table {
                let k = key.get_ref().as_ref();
                let at = key.span().start;
                let Some(i) = SCHEMA.iter().position(|l| l.section == s && l.key == k) else {
                    return Err(invalid(at, format!("unknown list '{k}' in [{s}]")));
                };
                let DeValue::Array(items) = value.get_ref() else {
                    return Err(invalid(
                        value.span().start,
                        format!("[{s}] {k} must be a list of strings"),
                    ));
                };
                if items.is_empty() {
                    return Err(invalid(at, format!("[{s}] {k} is empty")));
                }
                let mut words: Vec<String> = Vec::with_capacity(items.len());
                for item in items.iter() {
                    let at = item.span().start;
                    let Some(w) = item.get_ref().as_str() else {
                        return Err(invalid(
                            at,
                            format!(
                                "[{s}] {k} holds a {} where a word is expected",
                                item.get_ref().type_str()
                            ),
                        ));
                    };
                    if w.trim().is_empty() {
                        return Err(invalid(at, format!("[{s}] {k} holds an empty word")));
                    }
                    if words.iter().any(|x| x == w) {
                        return Err(invalid(at, format!("[{s}] {k} holds \"{w}\" twice")));
                    }
                    words.push(w.to_string());
                }
                lists[i] = Some(words);
            }
        }
        let mut out = Vec::with_capacity(SCHEMA.len());
        for (spec, list) in SCHEMA.iter().zip(lists) {
            match list {
                Some(words) => out.push(words),
                None => {
                    // The section's header line, or the end of the file without one.
                    let at = section_at
                        .iter()
                        .find(|(s, _)| *s == spec.section)
                        .map_or(text.len(), |&(_, at)| at);
                    return Err(invalid(
                        at,
                        format!("[{}] {} is missing ({})", spec.section, spec.key, spec.what),
                    ));
                }
            }
        }
        Ok(Lexicon { lists: out })
    }

    /// Reads and validates a lexicon file.
    pub fn from_file(path: &Path) -> Result<Lexicon, LexiconError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LexiconError::Read {
            file: file.clone(),
            reason: e.to_string(),
        })?;
        Lexicon::from_toml(&text, &file)
    }

    /// The words of one list. A (section, key) that is not in [`SCHEMA`] is a
    /// programming error: it panics with the name (tests catch it).
    pub fn words(&self, section: &str, key: &str) -> &[String] {
        match SCHEMA
            .iter()
            .position(|l| l.section == section && l.key == key)
        {
            Some(i) => &self.lists[i],
            None => panic!("no list [{section}] {key} in the lexicon schema"),
        }
    }
}

static INSTALLED: OnceLock<Lexicon> = OnceLock::new();

/// The process-wide lexicon: set once at start-up by the CLI / explorer from
/// `--lexicon FILE`, before any document is read. Gives the lexicon back when one is
/// already in use (installed, or the built-in one already read).
pub fn install(lex: Lexicon) -> Result<(), Lexicon> {
    INSTALLED.set(lex)
}

/// The lexicon in use: the installed one, else the built-in one.
pub fn get() -> &'static Lexicon {
    INSTALLED.get_or_init(Lexicon::builtin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        match Lexicon::from_toml(text, "my.toml") {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn builtin_is_valid_and_complete() {
        let l = Lexicon::builtin();
        for spec in SCHEMA {
            assert!(!l.words(spec.section, spec.key).is_empty(), "{spec:?}");
        }
    }

    #[test]
    fn schema_names_each_list_once() {
        for (i, a) in SCHEMA.iter().enumerate() {
            assert!(!a.what.is_empty());
            for b in &SCHEMA[i + 1..] {
                assert!(!(a.section == b.section && a.key == b.key), "{a:?} twice");
            }
        }
    }

    #[test]
    #[should_panic(expected = "no list [clean] no_such_list")]
    fn unknown_list_is_a_programming_error() {
        Lexicon::builtin().words("clean", "no_such_list");
    }

    #[test]
    fn reads_the_words_in_order() {
        let text = BUILTIN.replace("editor_labels = [", "editor_labels = [\"主编\", ");
        let l = Lexicon::from_toml(&text, "my.toml").unwrap();
        assert_eq!(l.words("clean", "editor_labels")[0], "主编");
    }

    #[test]
    fn refuses_an_unknown_section_with_its_line() {
        let text = format!("{BUILTIN}\n[nonsense]\nwords = [\"a\"]\n");
        let line = text.lines().position(|l| l == "[nonsense]").unwrap() + 1;
        let e = error_of(&text);
        assert!(
            e.contains("my.toml")
                && e.contains(&format!("line {line}"))
                && e.contains("[nonsense]"),
            "{e}"
        );
    }

    #[test]
    fn refuses_an_unknown_key() {
        let text = BUILTIN.replace("editor_labels =", "editor_label =");
        let e = error_of(&text);
        assert!(e.contains("unknown list 'editor_label'"), "{e}");
        let line = text
            .lines()
            .position(|l| l.starts_with("editor_label ="))
            .unwrap()
            + 1;
        assert!(e.contains(&format!("line {line}:")), "{e}");
    }

    /// Where the list `key` stands in `text`: from its line to its closing bracket.
    fn list_range(text: &str, key: &str) -> std::ops::Range<usize> {
        let start = text.find(&format!("\n{key} =")).unwrap() + 1;
        let end = start + text[start..].find("]\n").unwrap() + 1;
        start..end
    }

    /// `text` with the list `key` replaced by `list` (a whole `key = …` text, or
    /// nothing).
    fn with_list(text: &str, key: &str, list: &str) -> String {
        let r = list_range(text, key);
        format!("{}{list}{}", &text[..r.start], &text[r.end..])
    }

    #[test]
    fn refuses_a_missing_list() {
        let e = error_of(&with_list(BUILTIN, "heading_suffixes", ""));
        assert!(e.contains("[clean] heading_suffixes is missing"), "{e}");
    }

    #[test]
    fn refuses_an_empty_list_a_duplicate_and_a_non_string() {
        let cases = [
            ("editor_labels = []", "is empty"),
            (
                "editor_labels = [\"责编\",\n  \"责编\"]",
                "holds \"责编\" twice",
            ),
            ("editor_labels = [\"责编\", 3]", "holds a integer"),
            ("editor_labels = \"责编\"", "must be a list"),
            ("editor_labels = [\"责编\", \" \"]", "empty word"),
        ];
        for (list, want) in cases {
            let text = with_list(BUILTIN, "editor_labels", list);
            let e = error_of(&text);
            assert!(e.contains(want) && e.contains("my.toml"), "{e}");
            // The line named is the list's (for the duplicate, the second word's).
            let first = BUILTIN[..list_range(BUILTIN, "editor_labels").start]
                .lines()
                .count()
                + 1;
            let last = first + list.lines().count() - 1;
            assert!(
                e.contains(&format!("line {last}:")),
                "{e} (list on line {first})"
            );
        }
    }

    #[test]
    fn refuses_broken_toml_with_its_line() {
        let text = format!("{BUILTIN}\n[clean\n");
        let line = text.lines().count();
        let e = error_of(&text);
        assert!(e.contains(&format!("line {line}:")), "{e}");
        assert!(!e.contains('\n'), "one line: {e}");
    }

    #[test]
    fn refuses_a_top_level_value() {
        let e = error_of(&format!("words = [\"a\"]\n{BUILTIN}"));
        assert!(e.contains("line 1:") && e.contains("[section]"), "{e}");
    }

    #[test]
    fn a_missing_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.toml");
        let e = Lexicon::from_file(&path).unwrap_err().to_string();
        assert!(e.contains("none.toml"), "{e}");
    }
}
