//! Bad input, through the library and through the `extract` command: every file that
//! cannot be a document becomes an error with its path and a reason, everything else is
//! still read, and nothing panics or hangs. The two big inputs (a 200,000-deep HTML
//! tree and a 20 MB single line) are checked for correct output only; how fast they go
//! is measured by the benchmarks, not asserted here.
//!
//! The fuzzers' findings are kept at the end, one test per crash, as inline bytes.

mod common;

use biotimeline::corpus::{self, Document};
use biotimeline::extract::sentences::MAX_SENTENCE_CHARS;
use biotimeline::extract::{Kind, Themes, extract};
use common::run::{Outcome, run_bin};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A real article: the bundled seed with plain text, so "the good file is read" does
/// not depend on how any one rule treats hand-made text.
const GOOD: &[u8] = include_bytes!("../seeds/000_a1aa69484724f9d6.txt");

/// An article paragraph written for these tests (not from the seeds): dated, with
/// figures and full sentences, so no cleaning rule should take it for boilerplate.
const PARAGRAPH: &str = "2023年10月16日,某市生物医药产业园在城东新区正式开园,首批入驻企业达到36家。\
园区负责人介绍,园区规划面积1.2万亩,计划到2025年实现产值500亿元,并建设公共研发平台和中试基地。\
当天,园区还与多家医疗机构签署合作协议,推动临床研究与成果转化。";

/// A scratch folder whose name does not start with a dot: `TempDir::new()` makes
/// `.tmpXXXX`, which a loader that skips hidden files may rightly skip.
fn tmpdir() -> TempDir {
    tempfile::Builder::new().prefix("robust").tempdir().unwrap()
}

fn themes() -> Themes {
    Themes::builtin()
}

/// Deterministic noise (SplitMix64), so a failure reproduces.
fn noise(len: usize, mut state: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// The start of a real PNG file: signature, IHDR chunk, then compressed-looking data.
fn png() -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    b.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 16, 0, 0, 0, 16,
    ]);
    b.extend_from_slice(&[8, 6, 0, 0, 0, 0x1F, 0xF3, 0xFF, 0x61]);
    b.extend_from_slice(&[0, 0, 0, 64, b'I', b'D', b'A', b'T']);
    b.extend_from_slice(&noise(64, 3));
    b.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]);
    b
}

/// Valid Chinese text with stray bytes that are never valid UTF-8.
fn invalid_utf8() -> Vec<u8> {
    let mut b = PARAGRAPH.as_bytes().to_vec();
    b.insert(30, 0xFF);
    b.extend_from_slice(&[0xC3, 0x28, 0xA0, 0xA1]);
    b.extend_from_slice(PARAGRAPH.as_bytes());
    b
}

/// The article inside 200,000 nested `<div>`s: a parser or cleaner that recurses
/// per level overflows the stack long before the end.
fn deep_html() -> Vec<u8> {
    let depth = 200_000;
    let mut s = String::with_capacity(depth * 11 + 1024);
    s.push_str("<!DOCTYPE html><html><head><title>深层嵌套页面</title></head><body>");
    for _ in 0..depth {
        s.push_str("<div>");
    }
    s.push_str("<p>");
    s.push_str(PARAGRAPH);
    s.push_str("</p>");
    for _ in 0..depth {
        s.push_str("</div>");
    }
    s.push_str("</body></html>");
    s.into_bytes()
}

/// About 20 MB of prose with no line break at all: sentences that differ in their
/// figures, so no rule should treat it as one repeated spam line.
fn single_line() -> Vec<u8> {
    let mut s = String::with_capacity(20_100_000);
    let mut n = 0u64;
    while s.len() < 20_000_000 {
        n += 1;
        s.push_str(&format!(
            "第{n}号项目于{}年{}月{}日开工建设,总投资{}亿元,预计建成后年产值超过{}亿元;",
            2000 + n % 30,
            1 + n % 12,
            1 + n % 28,
            n % 997 + 1,
            n % 313 + 2
        ));
    }
    s.into_bytes()
}

fn broken_front_matter() -> Vec<u8> {
    let mut s =
        String::from("---\ntitle: [未闭合的标题\ndate: : 2023-10-16\n  bad: indent: here\n---\n\n");
    s.push_str(PARAGRAPH);
    s.push('\n');
    s.into_bytes()
}

/// What every extracted item must satisfy, whatever the text.
fn check_items(doc: &Document) -> usize {
    let chars: Vec<char> = doc.text.chars().collect();
    assert_eq!(
        chars.len(),
        doc.simplified.chars().count(),
        "{}: simplified copy must keep the char count",
        doc.path.display()
    );
    let items = extract(doc, &themes());
    for it in &items {
        let [a, b] = it.span;
        assert!(
            a <= b && b <= chars.len(),
            "{}: span {a}..{b} outside the text",
            it.id
        );
        let quoted: String = chars[a..b].iter().collect();
        assert_eq!(
            quoted.trim(),
            it.quote.trim(),
            "{}: quote is not the text at its span",
            it.id
        );
        assert_eq!(it.doc, doc.id);
    }
    items.len()
}

fn read(name: &str, bytes: &[u8]) -> Result<Document, String> {
    corpus::document_from_bytes(Path::new(name), bytes)
}

// ---------------------------------------------------------------- through the library

#[test]
fn empty_file_gives_no_items_and_no_panic() {
    for name in ["empty.txt", "empty.html", "empty.md"] {
        match read(name, b"") {
            Ok(doc) => assert_eq!(check_items(&doc), 0, "{name}: items from nothing"),
            Err(reason) => assert!(!reason.trim().is_empty(), "{name}: error without a reason"),
        }
    }
}

#[test]
fn random_bytes_are_not_a_document() {
    for seed in 0..8 {
        let r = read("random.bin", &noise(64 * 1024, seed));
        let reason = r.expect_err("random bytes were read as a document");
        assert!(!reason.trim().is_empty());
    }
}

#[test]
fn png_is_not_a_document() {
    for name in ["image.png", "disguised.txt"] {
        let reason = read(name, &png()).expect_err("a PNG was read as a document");
        assert!(!reason.trim().is_empty());
    }
}

#[test]
fn invalid_utf8_is_still_read() {
    let doc = read("invalid.txt", &invalid_utf8()).expect("text with stray bytes is still text");
    assert!(doc.text.chars().count() > 100, "most of the text was lost");
    check_items(&doc);
}

/// Encoding detection reads only the start of a file (for speed); long GB18030 and
/// Big5 files must still be told apart, also when a page opens with kilobytes of
/// ASCII markup before the first Chinese character.
#[test]
fn long_cjk_files_are_detected_from_their_text() {
    let trad = std::str::from_utf8(include_bytes!("../seeds/004_77d9e630cf8dc26e.txt")).unwrap();
    let simp = std::str::from_utf8(GOOD).unwrap();
    let head = format!(
        "<html><head><style>{}</style></head><body>",
        ".article p{margin:0 0 1em 0;line-height:1.8}\n".repeat(300)
    );
    let cases = [
        ("Big5", encoding_rs::BIG5, trad),
        ("GB18030", encoding_rs::GB18030, simp),
    ];
    for (want, enc, text) in cases {
        let page: String = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("<p>{l}</p>\n"))
            .collect();
        let variants = [
            ("long.txt", text.repeat(3)),
            (
                "long.html",
                format!("{head}{}</body></html>", page.repeat(3)),
            ),
        ];
        for (name, full) in variants {
            let (bytes, _, _) = enc.encode(&full);
            assert!(bytes.len() > 12_000);
            let doc = read(name, &bytes).unwrap_or_else(|e| panic!("{want} {name}: {e}"));
            assert_eq!(doc.encoding, want, "{name}");
            assert!(
                doc.simplified.contains("生物医药"),
                "{want} {name}: garbled: {:?} {:?}",
                doc.warnings,
                doc.text.chars().take(200).collect::<String>()
            );
        }
    }
}

/// The encoding is a container, not content: every seed read from GB18030 (and the
/// traditional ones from Big5) gives the same items as from UTF-8.
#[test]
fn encoding_does_not_change_the_items() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let key = |doc: &Document| -> Vec<String> {
        extract(doc, &themes())
            .iter()
            .map(|i| format!("{:?} {} {} {:?}", i.kind, i.date, i.title, i.span))
            .collect()
    };
    for path in files {
        let utf8 = std::fs::read(&path).unwrap();
        let text = String::from_utf8(utf8.clone()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let base = read(&name, &utf8).unwrap();
        let want = key(&base);
        let mut others = vec![("GB18030", encoding_rs::GB18030.encode(&text).0.into_owned())];
        if base.script != corpus::Script::Hans {
            let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
            if !unmappable {
                others.push(("Big5", big5.into_owned()));
            }
        }
        for (enc, bytes) in others {
            let doc = read(&name, &bytes).unwrap_or_else(|e| panic!("{name} as {enc}: {e}"));
            assert_eq!(doc.encoding, enc, "{name}");
            assert_eq!(doc.text, base.text, "{name} as {enc}: text differs");
            assert_eq!(key(&doc), want, "{name} as {enc}: items differ");
        }
    }
}

#[test]
fn broken_front_matter_warns_and_keeps_the_body() {
    let doc = read("broken.md", &broken_front_matter()).expect("the body is still read");
    assert!(
        !doc.warnings.is_empty(),
        "a broken front matter must be a warning"
    );
    assert!(
        doc.simplified.contains("生物医药产业园"),
        "body lost: {:?}",
        doc.text
    );
    check_items(&doc);
}

#[test]
fn deep_html_keeps_the_article() {
    // Default test threads have a 2 MB stack, smaller than the main thread's: if this
    // passes here it passes in the binary too.
    let doc = read("deep.html", &deep_html()).expect("deep HTML is a document");
    assert!(
        doc.simplified.contains("生物医药产业园在城东新区正式开园"),
        "article lost"
    );
    check_items(&doc);
}

#[test]
fn twenty_megabyte_line_is_read_whole() {
    let bytes = single_line();
    let doc = read("line.txt", &bytes).expect("a long line is a document");
    let chars = std::str::from_utf8(&bytes)
        .map(|s| s.chars().count())
        .unwrap_or(0);
    assert!(
        doc.text.chars().count() * 10 >= chars * 9,
        "most of the line was dropped: {} of {chars} chars kept",
        doc.text.chars().count()
    );
    check_items(&doc);
}

#[test]
fn symlink_loop_ends_and_reads_each_file_once() {
    let dir = tmpdir();
    let root = dir.path().join("root");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/good.txt"), GOOD).unwrap();
    symlink_dir(&root, &root.join("sub/loop"));
    symlink_dir(&root.join("sub"), &root.join("again"));
    let loaded = corpus::load_paths(&[root], &|_, _| {});
    let ids: Vec<&str> = loaded.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["good"], "errors: {:?}", loaded.errors);
}

#[test]
fn mixed_folder_reads_good_files_and_reports_bad_ones() {
    let dir = mixed_folder();
    let loaded = corpus::load_paths(&[dir.path().to_path_buf()], &|_, _| {});
    let ids: Vec<&str> = loaded.documents.iter().map(|d| d.id.as_str()).collect();
    for id in ["good", "broken", "invalid"] {
        assert!(
            ids.contains(&id),
            "{id} not read; documents {ids:?}, errors {:?}",
            loaded.errors
        );
    }
    for bad in ["random.bin", "image.png"] {
        let e = loaded
            .errors
            .iter()
            .find(|e| e.path.ends_with(bad))
            .unwrap_or_else(|| panic!("{bad} not in errors: {:?}", loaded.errors));
        assert!(!e.error.trim().is_empty());
        assert!(!ids.contains(&bad.split('.').next().unwrap_or(bad)));
    }
    for d in &loaded.documents {
        check_items(d);
    }
}

/// Thousands of events, policies and targets in one run without a sentence end (a
/// flattened list or table). Rules that look at the whole sentence once per mention
/// made this quadratic (4,000 policies took 21 s in release); with sentences capped
/// it is linear. Checked for what it yields, not for time.
#[test]
fn one_endless_sentence_of_mentions_is_read_linearly() {
    // Three kinds of n each stay under the cap of items per document, which keeps
    // the first ones in text order (see `items_per_document_are_capped_with_a_warning`).
    let n = 1600;
    assert!(3 * n <= biotimeline::extract::MAX_ITEMS_PER_DOC);
    // One clause per kind (a released policy keeps its clause from being an event).
    let mut run = String::from("2023年10月17日,本市生物医药产业发展迅速:");
    for i in 0..n {
        run.push_str(&format!("第{i}届甲乙{i}医药创新大会开幕、"));
    }
    run.push(',');
    for i in 0..n {
        run.push_str(&format!(
            "市政府发布《甲乙{i}生物医药行动方案(2023-2025年)》、"
        ));
    }
    run.push(',');
    for i in 0..n {
        run.push_str(&format!(
            "到2025年甲乙{i}区生物医药产值达到{}亿元、",
            i + 10
        ));
    }
    run.push('。');
    let doc = read("endless.txt", run.as_bytes()).expect("a long list is a document");
    let items = extract(&doc, &themes());
    let count = |k: Kind| items.iter().filter(|i| i.kind == k).count();
    assert!(
        count(Kind::Event) >= n / 2,
        "events: {}",
        count(Kind::Event)
    );
    assert!(
        count(Kind::Policy) >= n / 2,
        "policies: {}",
        count(Kind::Policy)
    );
    assert!(
        count(Kind::Target) >= n / 2,
        "targets: {}",
        count(Kind::Target)
    );
    for it in &items {
        let len = it.span[1] - it.span[0];
        assert!(len <= MAX_SENTENCE_CHARS, "{}: quote of {len} chars", it.id);
    }
    check_items(&doc);
}

// ---------------------------------------------------------------- through the binary

fn symlink_dir(target: &Path, link: &Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, link).unwrap();
    #[cfg(not(unix))]
    let _ = (target, link);
}

/// Good files and every kind of bad one side by side.
fn mixed_folder() -> TempDir {
    let dir = tmpdir();
    let p = dir.path();
    std::fs::write(p.join("good.txt"), GOOD).unwrap();
    std::fs::write(p.join("empty.txt"), b"").unwrap();
    std::fs::write(p.join("random.bin"), noise(4096, 11)).unwrap();
    std::fs::write(p.join("image.png"), png()).unwrap();
    std::fs::write(p.join("invalid.txt"), invalid_utf8()).unwrap();
    std::fs::write(p.join("broken.md"), broken_front_matter()).unwrap();
    std::fs::create_dir(p.join("nested")).unwrap();
    symlink_dir(p, &p.join("nested/loop"));
    dir
}

fn biotimeline(args: &[&std::ffi::OsStr]) -> Outcome {
    run_bin(None, args)
}

fn extract_json(paths: &[PathBuf]) -> Outcome {
    use std::ffi::OsStr;
    let mut args: Vec<&OsStr> = vec![OsStr::new("extract")];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    args.extend([OsStr::new("--format"), OsStr::new("json")]);
    biotimeline(&args)
}

fn one_line(stderr: &str) -> bool {
    let t = stderr.trim_end();
    !t.is_empty() && !t.contains('\n')
}

#[test]
fn cli_mixed_folder_exits_0_with_errors_listed() {
    let dir = mixed_folder();
    let o = extract_json(&[dir.path().to_path_buf()]);
    assert_eq!(o.code, Some(0), "stderr: {}", o.stderr);
    let v: Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    assert_eq!(v["schema"], "biotimeline/1");
    let docs: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(
        docs.iter().filter(|&&d| d == "good").count(),
        1,
        "the good file once, loop or not: {docs:?}"
    );
    assert!(
        docs.contains(&"broken") && docs.contains(&"invalid"),
        "{docs:?}"
    );
    let errors = v["errors"].as_array().unwrap();
    for bad in ["random.bin", "image.png"] {
        let e = errors
            .iter()
            .find(|e| e["path"].as_str().is_some_and(|p| p.ends_with(bad)))
            .unwrap_or_else(|| panic!("{bad} not in errors: {errors:?}"));
        assert!(e["error"].as_str().is_some_and(|r| !r.trim().is_empty()));
    }
    let items = v["items"].as_array().unwrap();
    assert!(
        items.iter().any(|it| it["doc"] == "good"),
        "the good article gave no items"
    );
    for it in items {
        let doc = it["doc"].as_str().unwrap();
        assert!(docs.contains(&doc), "item of an unknown document {doc}");
    }
}

#[test]
fn cli_missing_path_exits_2_with_one_line() {
    let dir = tmpdir();
    let o = extract_json(&[dir.path().join("does-not-exist")]);
    assert_eq!(o.code, Some(2));
    assert!(one_line(&o.stderr), "stderr: {:?}", o.stderr);
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout when nothing was read"
    );
}

#[test]
fn cli_only_bad_files_exits_2_with_one_line() {
    let dir = tmpdir();
    std::fs::write(dir.path().join("random.bin"), noise(4096, 5)).unwrap();
    std::fs::write(dir.path().join("image.png"), png()).unwrap();
    let o = extract_json(&[dir.path().to_path_buf()]);
    assert_eq!(o.code, Some(2), "stdout: {}", o.text());
    assert!(one_line(&o.stderr), "stderr: {:?}", o.stderr);
}

#[test]
fn cli_big_inputs_are_read() {
    let dir = tmpdir();
    std::fs::write(dir.path().join("deep.html"), deep_html()).unwrap();
    std::fs::write(dir.path().join("line.txt"), single_line()).unwrap();
    let o = extract_json(&[dir.path().to_path_buf()]);
    assert_eq!(o.code, Some(0), "stderr: {}", o.stderr);
    let v: Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2, "errors: {}", v["errors"]);
    let line = docs.iter().find(|d| d["id"] == "line").unwrap();
    assert!(line["chars"].as_u64().unwrap_or(0) > 5_000_000);
}

// ---------------------------------------------------------------- fuzz regressions
//
// Each test is one input the fuzzers (fuzz/) crashed on, minimised; the name says
// which target found it and what broke.
