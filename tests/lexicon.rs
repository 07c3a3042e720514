//! `--lexicon FILE` as an analyst uses it: a copy of assets/lexicon.toml with a change
//! changes what the rules do; a broken copy stops every command with its name and line.

use std::path::Path;
use std::process::Command;

const BUILTIN: &str = include_str!("../assets/lexicon.toml");

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_biotimeline"))
}

/// Runs the binary with `args`: (exit code, stdout, stderr).
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = bin().args(args).output().expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("writes");
    p.display().to_string()
}

#[test]
fn a_broken_lexicon_stops_every_command_with_its_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = BUILTIN.replacen("editor_labels = [", "editor_labels = [\"责编\", ", 1);
    // The second "责编" is the list's first word, on the line after its name.
    let line = text
        .lines()
        .position(|l| l.starts_with("editor_labels"))
        .expect("list")
        + 2;
    let lex = write(dir.path(), "broken.toml", &text);
    let out = dir.path().join("out.csv").display().to_string();
    for args in [
        vec!["--lexicon", &lex, "extract"],
        vec!["extract", "--lexicon", &lex, "--format", "csv"],
        vec![
            "export",
            "--format",
            "csv",
            "--out",
            &out,
            "--lexicon",
            &lex,
        ],
        vec![
            "chart",
            "--kind",
            "timeline",
            "--out",
            &out,
            "--lexicon",
            &lex,
        ],
    ] {
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.contains("broken.toml") && stderr.contains(&format!("line {line}:")),
            "{stderr}"
        );
        assert!(stderr.contains("\"责编\" twice"), "{stderr}");
    }
    assert!(!dir.path().join("out.csv").exists());
    let (code, _, stderr) = run(&["--lexicon", "/nonexistent/lexicon.toml", "extract"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("/nonexistent/lexicon.toml"), "{stderr}");
}

#[test]
fn an_unchanged_copy_gives_the_same_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lex = write(dir.path(), "same.toml", BUILTIN);
    let (code, with, _) = run(&["extract", "--lexicon", &lex]);
    assert_eq!(code, Some(0));
    let (_, without, _) = run(&["extract"]);
    assert_eq!(with, without);
}

/// The worked example of the README: an analyst adds an event verb to a copy of the
/// lexicon, and an article whose only event uses that verb gets its event item.
#[test]
fn a_new_event_verb_makes_a_new_event() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = write(
        dir.path(),
        "article.txt",
        "某某生物医药产业园剪彩\n\n2024年5月10日，某某生物医药产业园在浦东剪彩。\n",
    );
    let verb = "剪彩";
    assert!(
        !BUILTIN.contains(verb),
        "the example needs a verb the lexicon lacks"
    );
    let text = BUILTIN.replacen("verbs = [\n", &format!("verbs = [\n    \"{verb}\",\n"), 1);
    assert_ne!(
        text, BUILTIN,
        "[events] verbs is where the example adds its verb"
    );
    let lex = write(dir.path(), "mine.toml", &text);
    let events = |args: &[&str]| -> Vec<serde_json::Value> {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|i| i["kind"] == "event")
            .cloned()
            .collect()
    };
    let with = events(&["--lexicon", &lex, "extract", &article, "--format", "json"]);
    assert_eq!(with.len(), 1, "{with:#?}");
    assert_eq!(with[0]["date"], "2024-05-10");
    assert!(
        with[0]["title"].as_str().is_some_and(|t| t.contains(verb)),
        "{with:#?}"
    );
    let without = events(&["extract", &article, "--format", "json"]);
    assert!(without.is_empty(), "{without:#?}");
}

/// Items of an `extract --format json` output: (date, quote).
fn items(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON on stdout");
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["date"].as_str().unwrap_or_default().to_string(),
                i["quote"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The README's worked example, with a cleaning list: an analyst sees an article run
/// on into a "more stories" block under a heading the cleaner does not know, adds the
/// heading to `[clean] related_headings` in a copy of the lexicon, and the story below
/// it is no longer read as part of the article.
#[test]
fn a_heading_added_to_a_copy_cuts_the_article_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).expect("creates");
    write(
        &articles,
        "a.txt",
        "上海生物医药产业园新动态\n2024-03-05 10:00 来源:某某网\n\n\
         2024年3月1日，上海某生物医药产业园正式开园，首批20家创新药企业入驻。\
         园区将重点发展细胞与基因治疗、高端医疗器械等领域，推动生物医药产业集群发展。\n\
         往期好文\n\
         2024年2月20日，某医药集团在张江举行新药研发中心揭牌仪式，该中心将聚焦抗体药物和疫苗研发。\n",
    );
    let articles = articles.display().to_string();
    let story = "某医药集团在张江举行新药研发中心揭牌仪式";
    assert!(!BUILTIN.contains("\"往期好文\""), "the heading is new");

    let (code, before, stderr) = run(&["extract", &articles, "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let before = items(&before);
    assert!(before.iter().any(|(_, q)| q.contains(story)), "{before:?}");

    let copy = BUILTIN.replacen(
        "related_headings = [",
        "related_headings = [\n    \"往期好文\",",
        1,
    );
    let lex = write(dir.path(), "my.toml", &copy);
    let (code, after, stderr) = run(&["--lexicon", &lex, "extract", &articles, "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let after = items(&after);
    assert!(!after.iter().any(|(_, q)| q.contains(story)), "{after:?}");
    // The article above the heading is read as before.
    let kept: Vec<_> = before.iter().filter(|(_, q)| !q.contains(story)).collect();
    assert_eq!(after.iter().collect::<Vec<_>>(), kept);
}
