//! Writes a synthetic corpus for the extraction benchmark and for soak-testing ingest:
//! `cargo run --release --example gen_corpus -- --docs N --out DIR [--seed S]`.
//!
//! Each document is a variant of one of the bundled seed articles, so the text has the
//! same mix of real phrasing, boilerplate and markup the engine meets in practice, but
//! no two documents are identical (a benchmark over five repeated files would mostly
//! measure cache hits). Per document: years shifted by the same offset throughout (so
//! the article stays self-consistent), reported figures scaled, middle paragraphs
//! shuffled, and a mix of containers: about a third GB18030, some HTML pages, a few
//! UTF-8 files with a BOM; traditional seeds keep their script. The output depends only
//! on `--docs` and `--seed`.

use anyhow::{Context, Result, bail};
use biotimeline::export::write_atomic;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

static SEEDS: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/seeds");

/// Files per sub-folder, so the loader's recursive walk is part of what is measured
/// and no single folder grows huge.
const PER_FOLDER: usize = 500;

/// A tiny deterministic PRNG (SplitMix64): a benchmark corpus must be reproducible
/// and the crate should not grow a dependency for it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant at these sizes.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

struct Options {
    docs: usize,
    out: PathBuf,
    seed: u64,
}

fn parse_args() -> Result<Options> {
    let mut docs = None;
    let mut out = None;
    let mut seed = 42u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match a.as_str() {
            "--docs" => docs = Some(value("--docs")?.parse().context("--docs: not a number")?),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => seed = value("--seed")?.parse().context("--seed: not a number")?,
            "-h" | "--help" => {
                println!("usage: gen_corpus --docs N --out DIR [--seed S]");
                std::process::exit(0);
            }
            other => {
                bail!("unknown argument {other} (usage: gen_corpus --docs N --out DIR [--seed S])")
            }
        }
    }
    Ok(Options {
        docs: docs.context("--docs N is required")?,
        out: out.context("--out DIR is required")?,
        seed,
    })
}

/// One seed split into the parts a variant treats differently.
struct Seed {
    stem: String,
    /// YAML front matter including both `---` fences, kept verbatim (after year shift).
    front_matter: Option<String>,
    /// Lines before the article proper (title, byline, date): kept in order because
    /// metadata is read from there.
    header: Vec<String>,
    /// The article's paragraphs (or `<p>` elements), in order.
    body: Vec<String>,
    /// The body is HTML, so paragraphs must not be wrapped again.
    html: bool,
    traditional: bool,
}

fn split_seed(stem: &str, text: &str) -> Seed {
    let text = text.trim_start_matches('\u{feff}');
    let (front_matter, rest) = split_front_matter(text);
    let html = rest.contains("<p");
    let mut header = Vec::new();
    let mut body = Vec::new();
    if html {
        // Paragraph elements are the shuffle unit; everything before the first and after
        // the last stays where it is.
        let mut chunks: Vec<String> = rest.split_inclusive("</p>").map(str::to_owned).collect();
        let tail = chunks.pop().unwrap_or_default();
        body = chunks;
        body.push(tail);
    } else {
        let mut in_body = false;
        for line in rest.lines() {
            let line = line.trim_end();
            // The header ends at the first line that reads as prose: long, with a full
            // stop (a headline can be as long, but has none).
            if !in_body && line.chars().count() >= 40 && line.contains('。') {
                in_body = true;
            }
            if in_body {
                if !line.trim().is_empty() {
                    body.push(line.to_owned());
                }
            } else {
                header.push(line.to_owned());
            }
        }
    }
    let traditional = {
        let simplified = biotimeline::script::to_simplified(text);
        biotimeline::script::detect(text, &simplified) != biotimeline::corpus::Script::Hans
    };
    Seed {
        stem: stem.to_owned(),
        front_matter,
        header,
        body,
        html,
        traditional,
    }
}

fn split_front_matter(text: &str) -> (Option<String>, &str) {
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    if let Some(after) = t.strip_prefix("---\n")
        && let Some(end) = after.find("\n---")
    {
        let close = lead + 4 + end + 4;
        let close = text[close..]
            .find('\n')
            .map_or(text.len(), |n| close + n + 1);
        return (Some(text[..close].to_owned()), &text[close..]);
    }
    (None, text)
}

/// Characters after a figure that make it a reported quantity rather than part of a
/// date, a time or an identifier.
fn is_unit_start(c: char) -> bool {
    matches!(
        c,
        '亿' | '万'
            | '千'
            | '百'
            | '元'
            | '%'
            | '％'
            | '家'
            | '个'
            | '件'
            | '项'
            | '平'
            | '亩'
            | '场'
            | '位'
            | '名'
            | '台'
            | '款'
            | '余'
            | '多'
            | '倍'
            | '支'
            | '人'
            | '种'
            | '例'
    )
}

/// Rewrites every Arabic figure: a leading 4-digit year (19xx/20xx) moves by
/// `year_shift` wherever it occurs; a figure followed by a unit is scaled by a random
/// factor with its decimals and separators kept; anything else (day, month, time,
/// URL digits) is left alone so the text stays a valid article.
fn perturb_numbers(text: &str, year_shift: i32, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || ((chars[i] == '.' || chars[i] == ',')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        let prev = start.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i).copied();
        let after_separator = matches!(prev, Some('-' | ':' | '/' | '.' | '='));
        if next.is_some_and(is_unit_start) && !after_separator {
            out.push_str(&scale_figure(&token, 0.6 + rng.unit() * 1.2));
        } else if let Some(shifted) = shift_year(&token, year_shift) {
            out.push_str(&shifted);
        } else {
            out.push_str(&token);
        }
    }
    out
}

fn shift_year(token: &str, shift: i32) -> Option<String> {
    let head = token.get(..4)?;
    let rest_is_separate = token[4..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_ascii_digit());
    let year: i32 = head.parse().ok()?;
    if !(1950..=2099).contains(&year) || !rest_is_separate {
        return None;
    }
    Some(format!("{}{}", year + shift, &token[4..]))
}

/// `2,400` × 1.3 → `3,120`; `7617.14` keeps two decimals; never below 1.
fn scale_figure(token: &str, factor: f64) -> String {
    let grouped = token.contains(',');
    let plain: String = token.chars().filter(|&c| c != ',').collect();
    let decimals = plain.split_once('.').map_or(0, |(_, d)| d.len());
    let Ok(v) = plain.parse::<f64>() else {
        return token.to_owned();
    };
    let scaled = (v * factor).max(1.0);
    let s = format!("{scaled:.decimals$}");
    if !grouped {
        return s;
    }
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a.to_owned(), Some(b.to_owned())),
        None => (s, None),
    };
    let mut g = String::new();
    for (n, c) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    if let Some(f) = frac {
        g.push('.');
        g.push_str(&f);
    }
    g
}

/// Shuffles paragraphs in the first half of the article after the lead: the lead
/// (which carries the date of the main event) and the second half (where scraped pages
/// keep related-news lists and editor lines) stay, so the variant is reordered but
/// still reads like a scraped article.
fn shuffle_middle(body: &mut [String], rng: &mut Rng) {
    let end = body.len() / 2;
    if end <= 2 {
        return;
    }
    let middle = &mut body[1..end];
    for k in (1..middle.len()).rev() {
        let j = rng.below(k + 1);
        middle.swap(k, j);
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A plain-text article as the page a scraper would have saved: navigation, a script,
/// the article in `<p>`s and a footer, which the cleaner must drop.
fn as_html_page(header: &[String], body: &[String], charset: &str, rng: &mut Rng) -> String {
    let title = header
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .or_else(|| body.first().map(|s| s.as_str()))
        .unwrap_or("");
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"{charset}\">\n\
         <title>{}</title>\n<style>body{{font-family:sans-serif}} .nav a{{margin:0 4px}}</style>\n\
         <script>var _hmt = _hmt || []; window.pageId = {};</script>\n</head>\n<body>\n\
         <nav class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/news\">新闻</a> &gt; 正文</nav>\n\
         <div class=\"main\"><article>\n",
        escape_html(title),
        rng.next() % 1_000_000
    );
    for l in header.iter().filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(s, "<div class=\"meta\">{}</div>", escape_html(l.trim()));
    }
    for p in body {
        let _ = writeln!(s, "<p>{}</p>", escape_html(p.trim()));
    }
    s.push_str(
        "</article></div>\n<footer><p>版权所有 本站 未经授权禁止转载</p>\
         <p>联系我们 | 关于我们 | 网站地图</p></footer>\n</body>\n</html>\n",
    );
    s
}

#[derive(Default)]
struct Tally {
    bytes: u64,
    gb18030: usize,
    html: usize,
    traditional: usize,
    bom: usize,
}

/// A related-reading block as news sites append it: a generic heading, other
/// articles' headlines with a teaser, and an editor line. Nothing in it may reach the
/// timeline, so it gives the cleaner real work at scale.
fn related_block(all: &[Seed], own: usize, rng: &mut Rng) -> Vec<String> {
    let mut out = vec![["相关阅读", "相关新闻", "推荐阅读", "热门资讯"][rng.below(4)].to_owned()];
    for _ in 0..4 + rng.below(4) {
        let pick = rng.below(all.len());
        if pick == own {
            continue;
        }
        let other = &all[pick];
        let headline = other
            .header
            .iter()
            .map(|l| l.trim())
            .find(|l| l.chars().count() >= 8)
            .unwrap_or("");
        let teaser: String = other
            .body
            .first()
            .map(|p| p.trim().chars().take(70).collect())
            .unwrap_or_default();
        if !headline.is_empty() {
            out.push(headline.to_owned());
        }
        if !teaser.is_empty() {
            out.push(format!("{teaser}… 查看详情 >"));
        }
    }
    out.push(["责任编辑：王某", "责编：李某", "(责任编辑:张某)"][rng.below(3)].to_owned());
    out
}

/// Builds one document from `seeds[own]`: everything random about it comes from `rng`.
fn variant(
    seeds: &[Seed],
    own: usize,
    rng: &mut Rng,
    tally: &mut Tally,
) -> (Vec<u8>, &'static str) {
    let seed = &seeds[own];
    // Not zero, so every variant differs from its seed in its dates.
    let year_shift = [-8, -6, -5, -4, -3, -2, -1, 1, 2, 3][rng.below(10)];
    let mut body: Vec<String> = seed
        .body
        .iter()
        .map(|p| perturb_numbers(p, year_shift, rng))
        .collect();
    if !seed.html || body.len() > 3 {
        shuffle_middle(&mut body, rng);
    }
    if !seed.html && rng.chance(0.5) {
        body.extend(related_block(seeds, own, rng));
    }
    let header: Vec<String> = seed
        .header
        .iter()
        .map(|l| perturb_numbers(l, year_shift, rng))
        .collect();
    let gb = rng.chance(1.0 / 3.0);
    let as_page = seed.front_matter.is_none() && !seed.html && rng.chance(0.3);
    let (text, ext) = if as_page {
        tally.html += 1;
        let charset = if gb { "gb18030" } else { "utf-8" };
        (as_html_page(&header, &body, charset, rng), "html")
    } else {
        let mut t = String::new();
        if let Some(fm) = &seed.front_matter {
            t.push_str(&perturb_numbers(fm, year_shift, rng));
        }
        for l in &header {
            t.push_str(l);
            t.push('\n');
        }
        let sep = if seed.html { "" } else { "\n\n" };
        t.push_str(&body.join(sep));
        t.push('\n');
        let ext = if seed.front_matter.is_some() {
            "md"
        } else {
            "txt"
        };
        (t, ext)
    };
    if seed.traditional {
        tally.traditional += 1;
    }
    let bytes = if gb {
        tally.gb18030 += 1;
        let (b, _, _) = encoding_rs::GB18030.encode(&text);
        b.into_owned()
    } else if rng.chance(0.05) {
        tally.bom += 1;
        let mut b = "\u{feff}".as_bytes().to_vec();
        b.extend_from_slice(text.as_bytes());
        b
    } else {
        text.into_bytes()
    };
    tally.bytes += bytes.len() as u64;
    (bytes, ext)
}

fn write_doc(out: &Path, n: usize, stem: &str, ext: &str, bytes: &[u8]) -> Result<()> {
    let dir = out.join(format!("{:03}", n / PER_FOLDER));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // The seed's hash part is dropped: ids must not repeat the seed's file name.
    let prefix = stem.split('_').next().unwrap_or(stem);
    let path = dir.join(format!("doc{n:06}_{prefix}.{ext}"));
    write_atomic(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

fn main() -> Result<()> {
    let opts = parse_args()?;
    let mut files: Vec<_> = SEEDS.files().collect();
    files.sort_by_key(|f| f.path());
    let seeds: Vec<Seed> = files
        .iter()
        .filter_map(|f| {
            let stem = f.path().file_stem()?.to_string_lossy().into_owned();
            Some(split_seed(&stem, f.contents_utf8()?))
        })
        .collect();
    if seeds.is_empty() {
        bail!("no UTF-8 seed articles were embedded");
    }
    let mut tally = Tally::default();
    for n in 0..opts.docs {
        // One stream per document, so document n is the same whatever --docs says.
        let mut rng = Rng(opts.seed ^ (n as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let own = n % seeds.len();
        let (bytes, ext) = variant(&seeds, own, &mut rng, &mut tally);
        write_doc(&opts.out, n, &seeds[own].stem, ext, &bytes)?;
    }
    println!(
        "gen_corpus: {} docs, {} bytes ({:.1} MB) in {} ({} GB18030, {} HTML pages, {} traditional, {} with BOM)",
        opts.docs,
        tally.bytes,
        tally.bytes as f64 / 1e6,
        opts.out.display(),
        tally.gb18030,
        tally.html,
        tally.traditional,
        tally.bom
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_scale_and_dates_stay() {
        let mut rng = Rng(7);
        let t = "2025-11-09 18:16:00 到2025年达到2,400亿元,11月14日开幕";
        let out = perturb_numbers(t, 2, &mut rng);
        assert!(out.starts_with("2027-11-09 18:16:00 到2027年达到"), "{out}");
        assert!(out.ends_with("11月14日开幕"), "{out}");
        assert!(!out.contains("2,400亿元"), "{out}");
    }

    #[test]
    fn grouping_is_kept() {
        assert_eq!(scale_figure("2,400", 1.5), "3,600");
        assert_eq!(scale_figure("7617.14", 1.0), "7617.14");
        assert_eq!(scale_figure("3", 0.1), "1");
    }
}
