//! Text → lines of article text plus what the markup said about the article.
//!
//! Front matter is YAML (parsed by serde_yaml, never by hand); HTML goes through
//! html5ever (scraper) and is walked iteratively, so nesting depth cannot overflow the
//! stack; Markdown syntax is stripped so that only its text reaches the cleaner. The
//! format is detected from the content, because scraped files carry arbitrary names.

use super::header;
use crate::time::PartialDate;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// What the markup (front matter, `<head>`) says about the article.
#[derive(Debug, Default)]
pub struct MarkupMeta {
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    /// Where `published` came from: true for front matter, false for `<meta>`.
    pub published_in_front_matter: bool,
    pub author: Option<String>,
    /// Outlet named by `<meta>` (source, og:site_name).
    pub site: Option<String>,
    /// `<meta name="author">`: often a person, so the weakest hint at the outlet.
    pub html_author: Option<String>,
    /// The site named after the headline in `<title>` ("Headline_Site"): the last
    /// hint at the outlet, when the page names none.
    pub title_site: Option<String>,
    pub categories: Vec<String>,
}

/// A parsed file: body text (lines separated by '\n', not yet cleaned) and metadata.
#[derive(Debug, Default)]
pub struct Parsed {
    pub body: String,
    pub meta: MarkupMeta,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Html,
    Markdown,
}

/// Parses decoded text. `ext` is the file extension, a hint for Markdown only.
pub fn parse(text: &str, ext: &str) -> Parsed {
    let mut out = Parsed::default();
    let body = match split_front_matter(text) {
        Some((yaml, body)) => match read_front_matter(yaml) {
            Ok(Some(fm)) => {
                out.meta = fm;
                body
            }
            // Text between two rules that is not a YAML mapping is article text.
            Ok(None) => text,
            Err(e) => {
                out.warnings
                    .push(format!("broken front matter ignored: {e}"));
                body
            }
        },
        None => text,
    };
    match detect(body, ext) {
        Format::Html => {
            let h = html_to_text(body);
            out.body = h.body;
            out.warnings.extend(h.warnings);
            let m = &mut out.meta;
            if m.title.is_none() {
                m.title = h.meta.title;
            }
            if m.published.is_none() {
                m.published = h.meta.published;
                m.published_in_front_matter = false;
            }
            m.html_author = h.meta.html_author;
            m.site = h.meta.site;
            m.title_site = h.meta.title_site;
        }
        Format::Markdown => out.body = decode_entities(&markdown_to_text(body)).into_owned(),
        Format::Plain => out.body = decode_entities(body).into_owned(),
    }
    out
}

/// Splits `--- yaml ---` off the top (blank lines before it allowed). The closing
/// fence may also be `...`. None when there is no front matter.
pub fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_start_matches(['\u{FEFF}', '\n', '\r', ' ', '\t']);
    let rest = trimmed.strip_prefix("---")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if l == "---" || l == "..." {
            let yaml = &rest[..pos];
            let body = &rest[pos + line.len()..];
            return Some((yaml, body));
        }
        pos += line.len();
    }
    None
}

/// Reads the front matter fields biotimeline uses; anything else is ignored.
/// `Ok(None)` when the block parses but is not a mapping (then it was no front matter).
fn read_front_matter(yaml: &str) -> Result<Option<MarkupMeta>, String> {
    use serde_yaml::Value;
    let v: Value = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
    let map = match v {
        Value::Mapping(m) => m,
        Value::Null => return Ok(Some(MarkupMeta::default())),
        _ => return Ok(None),
    };
    let get = |k: &str| map.get(Value::String(k.into()));
    let scalar = |v: Option<&Value>| -> Option<String> {
        let s = match v? {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Tagged(t) => match &t.value {
                Value::String(s) => s.clone(),
                _ => return None,
            },
            _ => return None,
        };
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    let list = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::Sequence(xs)) => xs.iter().filter_map(|x| scalar(Some(x))).collect(),
            Some(x) => scalar(Some(x)).into_iter().collect(),
            None => Vec::new(),
        }
    };
    let date = [
        "date",
        "published",
        "pubdate",
        "publishDate",
        "published_at",
    ]
    .iter()
    .find_map(|k| scalar(get(k)));
    let published = date.as_deref().and_then(header::parse_date);
    let mut categories = list(get("categories"));
    if categories.is_empty() {
        categories = list(get("category"));
    }
    Ok(Some(MarkupMeta {
        title: scalar(get("title")),
        published,
        published_in_front_matter: published.is_some(),
        // An explicit outlet beats the author, which scrapers often fill with it too.
        author: ["source", "publisher", "media", "site", "outlet", "author"]
            .iter()
            .find_map(|k| scalar(get(k))),
        site: None,
        html_author: None,
        title_site: None,
        categories,
    }))
}

/// A known HTML tag. The word boundary is ASCII-only and the attribute run unbounded:
/// a Unicode boundary keeps the regex off its fast DFA on Chinese text, and a counted
/// repetition of a Unicode class compiles to a huge automaton (issue 5 profile).
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<(?:!doctype\s+html|/?(?:html|head|body|p|div|br|span|a|table|tr|td|li|ul|ol|h[1-6]|section|article|strong|em|b|i|img|meta|title|script|style|iframe|font|center)(?-u:\b))[^<>]*>")
        .unwrap_or_else(|_| unreachable!())
});
static MD_SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^#{1,6}\s+\S|\]\([^)\s]+\)|\*\*[^*\n]+\*\*").unwrap_or_else(|_| unreachable!())
});

/// HTML when real tags appear (two, or one that only HTML documents have); Markdown
/// when Markdown syntax does or the extension says so.
pub fn detect(body: &str, ext: &str) -> Format {
    let mut tags = HTML_TAG.find_iter(body);
    if let Some(first) = tags.next() {
        let t = first.as_str().to_ascii_lowercase();
        if tags.next().is_some()
            || t.starts_with("<!doctype")
            || t.starts_with("<html")
            || t.starts_with("<body")
        {
            return Format::Html;
        }
    }
    let ext = ext.to_ascii_lowercase();
    if ext == "md" || ext == "markdown" || MD_SYNTAX.is_match(body) {
        Format::Markdown
    } else {
        Format::Plain
    }
}

/// Elements whose content is never article text. A `match` rather than a list: it is
/// asked of every element of every page, and compiles to a length switch.
#[rustfmt::skip]
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "nav" | "footer" | "aside" | "form" | "iframe" | "noscript"
            | "template" | "textarea" | "select" | "button" | "svg" | "canvas" | "object"
            | "embed" | "audio" | "video" | "map"
    )
}

/// Elements that start and end a line of text.
#[rustfmt::skip]
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "br" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "h1" | "h2" | "h3"
            | "h4" | "h5" | "h6" | "tr" | "table" | "section" | "article" | "blockquote"
            | "pre" | "hr" | "main" | "header" | "figure" | "figcaption" | "address"
            | "center" | "body" | "caption" | "tbody" | "thead"
    )
}

/// Tokens of class/id names that mark page furniture around an article.
#[rustfmt::skip]
const FURNITURE: &[&str] = &[
    "share", "sharing", "related", "recommend", "comment", "comments", "breadcrumb",
    "crumb", "crumbs", "sidebar", "footer", "navbar", "nav", "menu", "toolbar", "advert",
    "advertisement", "ads", "social", "copyright",
];

/// A class like "layout-with-sidebar" may sit on the article's own wrapper: an element
/// is furniture only when it holds no `<h1>`, `<article>` or `<main>`.
fn drops_as_furniture(el: scraper::ElementRef<'_>) -> bool {
    is_furniture(el.value())
        && !matches!(el.value().name(), "html" | "body" | "main" | "article")
        && !holds_article(el)
}

fn holds_article(el: scraper::ElementRef<'_>) -> bool {
    el.descendants().any(|d| {
        matches!(d.value(), scraper::Node::Element(e) if matches!(e.name(), "h1" | "article" | "main"))
    })
}

fn is_furniture(el: &scraper::node::Element) -> bool {
    let attrs = [el.attr("class"), el.attr("id")];
    attrs.iter().flatten().any(|v| {
        v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|tok| in_list(tok, FURNITURE))
    })
}

/// Above this nesting depth html5ever's tree building turns quadratic (every start tag
/// scans the stack of open elements); such files are read by a linear tag stripper.
const MAX_TREE_DEPTH: usize = 512;

/// HTML → text lines and `<head>` metadata.
pub fn html_to_text(html: &str) -> Parsed {
    let depth = max_depth(html);
    if depth > MAX_TREE_DEPTH {
        let mut p = Parsed {
            body: strip_tags(html),
            ..Parsed::default()
        };
        p.meta.title = TITLE_TAG
            .captures(html)
            .and_then(|c| header::clean_html_title(&decode_entities(&c[1])));
        p.warnings.push(format!(
            "HTML nested {depth} deep: read with a plain tag stripper"
        ));
        return p;
    }
    let doc = scraper::Html::parse_document(html);
    let mut w = Walker {
        body: String::with_capacity(html.len() / 2),
        // Site headers (logo, menu) sit outside <article>/<main>; without those there
        // is no telling, so <header> is then kept and the cleaner sorts its lines.
        drop_outer_headers: has_tag(html, "article") || has_tag(html, "main"),
        text_with_tags: BLOCK_TAG.find_iter(html).take(3).count() < 3,
        ..Walker::default()
    };
    // An explicit walk (first child, next sibling, parent) instead of recursion, so
    // depth costs no stack; dropped elements are not descended into.
    let root = doc.tree.root();
    // Whether to skip an element: furniture by class, or a <header> outside the
    // article that does not hold the headline.
    let skip = |n| {
        scraper::ElementRef::wrap(n).is_some_and(|e| {
            drops_as_furniture(e) || (e.value().name() == "header" && !holds_article(e))
        })
    };
    let mut node = root;
    let mut descend = w.open(node.value(), skip(node));
    'walk: loop {
        if descend && let Some(child) = node.first_child() {
            node = child;
            descend = w.open(node.value(), skip(node));
            continue;
        }
        // `node` is done: close it and its finished ancestors up to one with a sibling.
        loop {
            if descend {
                w.close(node.value());
            }
            if node.id() == root.id() {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                descend = w.open(node.value(), skip(node));
                break;
            }
            match node.parent() {
                Some(p) => {
                    node = p;
                    descend = true;
                }
                None => break 'walk,
            }
        }
    }
    let mut out = Parsed {
        body: w.body,
        meta: w.meta,
        ..Parsed::default()
    };
    if out.meta.title.is_none() {
        out.meta.title = header::clean_html_title(&w.title);
    }
    out.meta.title_site = header::html_title_site(&w.title);
    out
}

/// State of the HTML walk.
#[derive(Default)]
struct Walker {
    body: String,
    meta: MarkupMeta,
    title: String,
    in_title: bool,
    pre: usize,
    article: usize,
    drop_outer_headers: bool,
    /// Plain text with a few stray tags: its line breaks are the paragraphs.
    text_with_tags: bool,
}

impl Walker {
    /// Handles an opening node; false when its content is to be skipped.
    fn open(&mut self, n: &scraper::Node, skip: bool) -> bool {
        match n {
            scraper::Node::Element(el) => {
                let name = el.name();
                if name == "meta" {
                    read_meta_tag(el, &mut self.meta);
                }
                if name == "title" {
                    self.in_title = true;
                    return true;
                }
                // A <header> is only skipped outside the article, on pages that
                // mark their article.
                let outer_header = self.article == 0 && self.drop_outer_headers;
                let dropped = is_dropped(name) || (skip && (name != "header" || outer_header));
                if dropped {
                    return false;
                }
                if name == "article" || name == "main" {
                    self.article += 1;
                }
                if name == "pre" {
                    self.pre += 1;
                }
                if name == "td" || name == "th" {
                    self.body.push(' ');
                } else if is_block(name) {
                    self.body.push('\n');
                }
                true
            }
            scraper::Node::Text(t) => {
                if self.in_title {
                    self.title.push_str(t);
                } else {
                    push_text(&mut self.body, t, self.pre > 0 || self.text_with_tags);
                }
                true
            }
            _ => true,
        }
    }

    /// Handles the end of a node whose content was walked.
    fn close(&mut self, n: &scraper::Node) {
        if let scraper::Node::Element(el) = n {
            let name = el.name();
            match name {
                "title" => self.in_title = false,
                "article" | "main" => self.article = self.article.saturating_sub(1),
                "pre" => self.pre = self.pre.saturating_sub(1),
                _ => {}
            }
            if is_block(name) && name != "br" && name != "hr" {
                self.body.push('\n');
            }
        }
    }
}

static BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<(?:p|div|br|li|tr|h[1-6]|section|article|table|blockquote)(?-u:\b)")
        .unwrap_or_else(|_| unreachable!())
});

/// Whether `<name` occurs as a tag, case-insensitively.
fn has_tag(html: &str, name: &str) -> bool {
    let b = html.as_bytes();
    let n = name.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        b.get(i + 1..i + 2 + n.len()).is_some_and(|w| {
            w[..n.len()].eq_ignore_ascii_case(n)
                && matches!(w[n.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        })
    })
}

/// Appends an HTML text node: source line breaks and runs of white space are one space
/// in HTML, except inside `<pre>`.
fn push_text(out: &mut String, t: &str, pre: bool) {
    if pre {
        out.push_str(t);
        return;
    }
    let mut last_space = out.ends_with([' ', '\n']);
    // Runs between white space are copied whole: text nodes are mostly long runs of
    // Chinese with no spaces at all. White space is sought in bytes, a word at a time,
    // which is exact because ASCII bytes never occur inside a multi-byte UTF-8 char,
    // and spares decoding every char of the text.
    let b = t.as_bytes();
    let mut start = 0;
    loop {
        let end = next_ascii_space(b, start);
        if end > start {
            out.push_str(&t[start..end]);
            last_space = false;
        }
        if end == b.len() {
            break;
        }
        if !last_space {
            out.push(' ');
            last_space = true;
        }
        start = end + 1;
    }
}

/// The position of the first ASCII white space byte at or after `from`, or the length.
/// Eight bytes are tested at once for one at or below b' ' (the has-less word trick:
/// bytes of Chinese text, 0x80 and up, never trigger it), then the word is looked at.
fn next_ascii_space(b: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if w.wrapping_sub(ONES * 0x21) & !w & HIGH != 0 {
            break;
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(b.len(), |p| i + p)
}

/// `<meta>` names that carry the publication date, the title, the author, the outlet.
fn read_meta_tag(el: &scraper::node::Element, m: &mut MarkupMeta) {
    let key = el
        .attr("property")
        .or_else(|| el.attr("name"))
        .or_else(|| el.attr("itemprop"))
        .or_else(|| el.attr("http-equiv"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
        return;
    };
    const DATE: &[&str] = &[
        "article:published_time",
        "article:published",
        "og:published_time",
        "og:release_date",
        "pubdate",
        "publishdate",
        "publish_date",
        "publish-date",
        "publishtime",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "dcterms.issued",
        "datepublished",
        "sailthru.date",
        "parsely-pub-date",
        "weibo:article:create_at",
        "firstpublishedtime",
        "release_date",
    ];
    if DATE.contains(&key.as_str()) && m.published.is_none() {
        m.published = header::parse_date(content);
    } else if key == "og:title" && m.title.is_none() {
        m.title = Some(content.to_string());
    } else if matches!(key.as_str(), "author" | "article:author" | "dc.creator")
        && m.html_author.is_none()
        && !content.starts_with("http")
    {
        m.html_author = Some(content.to_string());
    } else if matches!(
        key.as_str(),
        "source" | "contentsource" | "og:site_name" | "site_name" | "sitename"
    ) && m.site.is_none()
    {
        m.site = Some(content.to_string());
    }
}

/// One tag found by the linear scanner.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    end: usize,
}

#[rustfmt::skip]
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
];

/// The next tag at or after `from`: (start, tag). Comments and doctypes are skipped.
fn next_tag(s: &str, from: usize) -> Option<(usize, Tag<'_>)> {
    let b = s.as_bytes();
    let mut i = from;
    while let Some(off) = memchr_lt(&b[i..]) {
        let start = i + off;
        let rest = &s[start..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(s.len(), |e| start + e + 3);
            return Some((
                start,
                Tag {
                    name: "!--",
                    closing: false,
                    self_closing: true,
                    end,
                },
            ));
        }
        let (closing, name_start) = if rest.starts_with("</") {
            (true, start + 2)
        } else {
            (false, start + 1)
        };
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!' || **c == b'-')
            .count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let gt = b[name_start..].iter().position(|&c| c == b'>');
        let end = gt.map_or(s.len(), |g| name_start + g + 1);
        let self_closing = end >= 2 && b[end - 2] == b'/';
        return Some((
            start,
            Tag {
                name: &s[name_start..name_start + name_len],
                closing,
                self_closing,
                end,
            },
        ));
    }
    None
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    memchr::memchr(b'<', b)
}

/// Whether `name` is one of `list`, ignoring ASCII case, without allocating a
/// lower-case copy per tag.
fn in_list(name: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(name))
}

/// The deepest element nesting, counted linearly without building a tree.
fn max_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    while let Some((_, tag)) = next_tag(html, i) {
        i = tag.end.max(i + 1);
        // Elements whose end tag is optional close themselves when the next one opens
        // ("text<p>text<p>"), so they add no depth.
        if tag.name.starts_with('!')
            || tag.self_closing
            || in_list(tag.name, VOID)
            || in_list(tag.name, SELF_CLOSING_SIBLINGS)
        {
            continue;
        }
        if !tag.closing && in_list(tag.name, &["script", "style"]) {
            i = skip_element(html, i, tag.name);
            continue;
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

#[rustfmt::skip]
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rt", "rp", "thead",
    "tbody", "tfoot", "colgroup",
];

/// The position after the close tag of the element `name` opened before `from`.
fn skip_element(html: &str, from: usize, name: &str) -> usize {
    let mut j = from;
    while let Some((_, t)) = next_tag(html, j) {
        j = t.end.max(j + 1);
        if t.closing && t.name.eq_ignore_ascii_case(name) {
            return t.end;
        }
    }
    html.len()
}

static TITLE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<title[^>]*>([^<]*)</title").unwrap_or_else(|_| unreachable!())
});

/// A linear HTML-to-text fallback for files html5ever cannot build a tree for in time.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    while i < html.len() {
        let Some((start, tag)) = next_tag(html, i) else {
            out.push_str(&decode_entities(&html[i..]));
            break;
        };
        out.push_str(&decode_entities(&html[i..start]));
        let lower = tag.name.to_ascii_lowercase();
        let mut next = tag.end.max(start + 1);
        if !tag.closing && (is_dropped(&lower) || lower == "title") && !tag.self_closing {
            // Skip to the matching close tag (these elements do not nest in practice).
            next = skip_element(html, next, &lower);
        } else if is_block(&lower) {
            out.push('\n');
        }
        i = next;
    }
    out
}

static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
        .unwrap_or_else(|_| unreachable!())
});

/// Decodes the HTML entities that survive into scraped plain text.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    ENTITY.replace_all(s, |c: &regex::Captures| {
        let e = &c[1];
        let ch = if let Some(hex) = e.strip_prefix("#x").or_else(|| e.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(dec) = e.strip_prefix('#') {
            dec.parse().ok().and_then(char::from_u32)
        } else {
            named_entity(e)
        };
        match ch {
            Some(ch) if ch != '\0' => ch.to_string(),
            _ => c[0].to_string(),
        }
    })
}

fn named_entity(e: &str) -> Option<char> {
    Some(match e {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "copy" => '©',
        "reg" => '®',
        "yen" => '¥',
        "deg" => '°',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

static MD_IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[[^\]\n]*\]\([^)\n]*\)").unwrap_or_else(|_| unreachable!()));
static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]*)\]\([^)\n]*\)").unwrap_or_else(|_| unreachable!()));
static MD_EMPH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\*\*([^*\n]+)\*\*|__([^_\n]+)__|\*([^*\s][^*\n]*)\*|`([^`\n]+)`")
        .unwrap_or_else(|_| unreachable!())
});
static MD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)").unwrap_or_else(|_| unreachable!())
});
static MD_RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*_]\s*){3,}$").unwrap_or_else(|_| unreachable!()));

/// Markdown → plain text: heading/quote/list markers, emphasis, link and image syntax
/// and rules go; the words stay.
pub fn markdown_to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for line in md.lines() {
        if MD_RULE.is_match(line) {
            out.push('\n');
            continue;
        }
        // Table rows become their cells separated by spaces, like HTML tables.
        let row;
        let line = match line
            .trim()
            .strip_prefix('|')
            .and_then(|l| l.strip_suffix('|'))
        {
            Some(cells) => {
                row = cells
                    .split('|')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(" ");
                row.as_str()
            }
            None => line,
        };
        let line = MD_LINE.replace(line, "");
        let line = line.trim_end_matches(['#', ' ']);
        let line = MD_IMAGE.replace_all(line, "");
        let line = MD_LINK.replace_all(&line, "$1");
        let line = MD_EMPH.replace_all(&line, "$1$2$3$4");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_table() {
        let cases = [
            ("---\ntitle: T\n---\nbody", Some(("title: T\n", "body"))),
            ("\n\n---\ntitle: T\n---\nbody", Some(("title: T\n", "body"))),
            (
                "---\r\ntitle: T\r\n---\r\nbody",
                Some(("title: T\r\n", "body")),
            ),
            ("---\ntitle: T\n...\nbody", Some(("title: T\n", "body"))),
            ("no front matter\n---\n", None),
            ("---\nnever closed", None),
        ];
        for (s, want) in cases {
            assert_eq!(split_front_matter(s), want, "{s:?}");
        }
    }

    #[test]
    fn front_matter_fields() {
        let p = parse(
            "---\ntitle: '标题'\ncategories:\n - 金融\n - 要闻\nauthor: 证券时报网\ndate: Mon, 11 Oct 2021 20:21:00 GMT\n---\n正文。",
            "txt",
        );
        assert_eq!(p.meta.title.as_deref(), Some("标题"));
        assert_eq!(p.meta.author.as_deref(), Some("证券时报网"));
        assert_eq!(p.meta.categories, ["金融", "要闻"]);
        assert_eq!(
            p.meta.published.map(|d| d.to_string()).as_deref(),
            Some("2021-10-11")
        );
        assert!(p.meta.published_in_front_matter);
        assert_eq!(p.body.trim(), "正文。");
        let p = parse("---\ndate: 2021-10-11 20:21\n---\nx", "txt");
        assert_eq!(
            p.meta.published.map(|d| d.to_string()).as_deref(),
            Some("2021-10-11")
        );
    }

    #[test]
    fn rules_around_text_are_not_front_matter() {
        let p = parse("---\n正文第一段。\n---\n第二段。", "txt");
        assert!(p.warnings.is_empty());
        assert!(p.body.contains("正文第一段。") && p.body.contains("第二段。"));
    }

    #[test]
    fn broken_front_matter_warns_and_keeps_body() {
        let p = parse("---\ntitle: [unclosed\n  : : bad\n---\n正文第一段。", "txt");
        assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
        assert!(p.warnings[0].starts_with("broken front matter"));
        assert_eq!(p.body.trim(), "正文第一段。");
    }

    #[test]
    fn detect_table() {
        let cases = [
            ("<p>一段</p><p>两段</p>", "txt", Format::Html),
            ("<!DOCTYPE html><title>x</title>", "txt", Format::Html),
            ("a < b 且 c > d", "txt", Format::Plain),
            ("普通文本。\n第二行。", "txt", Format::Plain),
            ("# 标题\n\n正文", "txt", Format::Markdown),
            ("见[链接](http://x.cn)。", "txt", Format::Markdown),
            ("正文", "md", Format::Markdown),
        ];
        for (s, ext, want) in cases {
            assert_eq!(detect(s, ext), want, "{s}");
        }
    }

    #[test]
    fn html_blocks_inline_and_drops() {
        let html = r#"<html><head><title>上海发布三大行动方案 - 某某网</title>
            <meta property="article:published_time" content="2023-10-17T10:00:00+08:00">
            <meta name="author" content="张三"><meta property="og:site_name" content="某某网">
            <style>p{color:red}</style><script>var x = "<p>不要</p>";</script></head>
            <body><nav>首页 新闻</nav><div class="share-bar">分享到</div>
            <article><header><h1>上海发布三大行动方案</h1></header>
            <p>第一段<strong>加粗</strong>和<a href="x">链接</a>在同一行。</p>
            <p>第二段<br>换行</p><ul><li>甲</li><li>乙</li></ul></article>
            <aside>侧栏</aside><footer>版权所有</footer></body></html>"#;
        let p = html_to_text(html);
        let lines: Vec<&str> = p
            .body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            [
                "上海发布三大行动方案",
                "第一段加粗和链接在同一行。",
                "第二段",
                "换行",
                "甲",
                "乙"
            ]
        );
        assert_eq!(p.meta.title.as_deref(), Some("上海发布三大行动方案"));
        assert_eq!(
            p.meta.published.map(|d| d.to_string()).as_deref(),
            Some("2023-10-17")
        );
        assert_eq!(p.meta.html_author.as_deref(), Some("张三"));
        assert_eq!(p.meta.site.as_deref(), Some("某某网"));
    }

    #[test]
    fn furniture_classes_spare_the_article_wrapper() {
        let html = r#"<html><body class="has-sidebar"><div class="layout-with-sidebar">
            <h1>上海发布三大行动方案</h1><p>正文第一段。</p>
            <div class="share_box">分享到</div></div>
            <div class="sidebar">侧栏热点</div><div id="comments">评论一</div></body></html>"#;
        let p = html_to_text(html);
        let lines: Vec<&str> = p
            .body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["上海发布三大行动方案", "正文第一段。"]);
    }

    #[test]
    fn header_element_kept_without_article() {
        let html = "<html><body><header><h1>上海发布三大行动方案</h1><p>来源:某某网</p></header><p>正文。</p></body></html>";
        let lines: Vec<String> = html_to_text(html)
            .body
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["上海发布三大行动方案", "来源:某某网", "正文。"]);
        let html = "<html><body><header>网站标志</header><article><header><h1>标题</h1></header><p>正文。</p></article></body></html>";
        let lines: Vec<String> = html_to_text(html)
            .body
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["标题", "正文。"]);
        // A page header outside <article> that holds the headline and its byline stays.
        let html = "<html><body><header><h1>标题在此</h1><p>来源:某某网</p></header><article><p>正文。</p></article></body></html>";
        let lines: Vec<String> = html_to_text(html)
            .body
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["标题在此", "来源:某某网", "正文。"]);
    }

    #[test]
    fn text_with_stray_tags_keeps_its_lines() {
        let p = parse(
            "第一段<strong>加粗</strong>文字。\n第二段<a href=\"x\">链接</a>。\n第三段。",
            "txt",
        );
        let lines: Vec<&str> = p
            .body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["第一段加粗文字。", "第二段链接。", "第三段。"]);
    }

    #[test]
    fn deep_html_uses_the_stripper() {
        let n = 5000;
        let html = format!("{}深处的文字{}", "<div>".repeat(n), "</div>".repeat(n));
        let p = html_to_text(&html);
        assert!(p.body.contains("深处的文字"));
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(max_depth("<div><span>a</span><br><img src=x><p/></div>"), 2);
        assert_eq!(max_depth("<div>a<p>b<p>c<li>d<li>e</div>"), 1);
        assert_eq!(
            max_depth("<script>var s='<div><div><div>';</script><b>x</b>"),
            1
        );
        let html = format!("<title>深层页面的标题</title>{}文字", "<span>".repeat(n));
        assert_eq!(
            html_to_text(&html).meta.title.as_deref(),
            Some("深层页面的标题")
        );
    }

    /// The word-at-a-time text appender against the char split it replaced, on
    /// texts of Chinese, ASCII, every white space and other control chars, after
    /// bodies that do and do not end in a space.
    #[test]
    fn push_text_equals_char_split() {
        fn reference(out: &mut String, t: &str) {
            let mut last_space = out.ends_with([' ', '\n']);
            for (i, run) in t.split(|c: char| c.is_ascii_whitespace()).enumerate() {
                if i > 0 && !last_space {
                    out.push(' ');
                    last_space = true;
                }
                if !run.is_empty() {
                    out.push_str(run);
                    last_space = false;
                }
            }
        }
        let pieces = [
            "中文",
            "ab",
            " ",
            "\n",
            "\t",
            "\r\n",
            "\u{c}",
            "\u{b}",
            "\u{1}",
            "\u{a0}",
            "　",
            "上海市生物医药产业",
            "x",
        ];
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut t = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for k in 0..(seed >> 60) {
                t.push_str(pieces[((seed >> (k * 4)) % pieces.len() as u64) as usize]);
            }
            for before in ["", "a", "a ", "\n"] {
                let (mut got, mut want) = (before.to_owned(), before.to_owned());
                push_text(&mut got, &t, false);
                reference(&mut want, &t);
                assert_eq!(got, want, "{t:?} after {before:?}");
            }
        }
    }

    #[test]
    fn strip_tags_drops_scripts() {
        let s = strip_tags("<div>甲<script>var a='<p>';</script>乙</div><p>丙&amp;丁</p>");
        let lines: Vec<&str> = s.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["甲乙", "丙&丁"]);
    }

    #[test]
    fn entities_table() {
        let cases = [
            ("a&nbsp;b", "a b"),
            ("&lt;p&gt;", "<p>"),
            ("&#20013;&#x56FD;", "中国"),
            ("&unknown; & alone", "&unknown; & alone"),
            ("&#0;", "&#0;"),
        ];
        for (s, want) in cases {
            assert_eq!(decode_entities(s), want, "{s}");
        }
    }

    #[test]
    fn markdown_table() {
        let cases = [
            ("# 标题 #", "标题"),
            ("## **加粗**标题", "加粗标题"),
            ("见[上海发布](http://x.cn/a)通知", "见上海发布通知"),
            ("![图](a.png)图片说明", "图片说明"),
            ("> 引用一段", "引用一段"),
            ("- 列表项", "列表项"),
            ("`代码`与*强调*", "代码与强调"),
            ("---", ""),
            ("1. 第一条", "1. 第一条"),
            ("| 指标 | 2023年 | 2024年 |", "指标 2023年 2024年"),
        ];
        for (s, want) in cases {
            assert_eq!(markdown_to_text(s).trim_end(), want, "{s}");
        }
    }
}
