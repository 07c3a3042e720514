//! The `extract` command as scripts use it: JSON contract, CSV, exit codes.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_biotimeline"))
}

#[test]
fn extract_json_follows_the_contract() {
    let out = bin()
        .args(["extract", "--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["schema"], "biotimeline/1");
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    for d in docs {
        for k in [
            "id",
            "path",
            "title",
            "source",
            "published",
            "published_from",
            "script",
            "encoding",
            "chars",
            "warnings",
        ] {
            assert!(d.get(k).is_some(), "document field {k} missing: {d}");
        }
    }
    let items = v["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for it in items {
        for k in [
            "id", "kind", "date", "end_date", "title", "themes", "doc", "quote", "span",
        ] {
            assert!(it.get(k).is_some(), "item field {k} missing: {it}");
        }
        let kind = it["kind"].as_str().unwrap_or_default();
        assert!(["event", "policy", "target", "metric"].contains(&kind));
        if kind == "target" || kind == "metric" {
            assert!(it["quantity"]["value"].is_f64(), "{it}");
            assert!(it["subject"].is_string(), "{it}");
        }
    }
    assert!(v["errors"].as_array().expect("errors").is_empty());
}

#[test]
fn extract_is_stable_across_runs() {
    let a = bin().args(["extract"]).output().expect("runs");
    let b = bin().args(["extract"]).output().expect("runs");
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn extract_csv_has_a_row_per_item() {
    let json = bin().args(["extract"]).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let n = v["items"].as_array().map_or(0, Vec::len);
    let out = bin()
        .args(["extract", "--format", "csv"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("id,kind,date,"));
    // Quoted fields may hold line breaks; count records by ids instead of lines.
    let records = text.matches("\n").count();
    assert!(records > n, "{records} lines for {n} items");
}

#[test]
fn a_missing_path_is_exit_2_with_one_line() {
    let out = bin()
        .args(["extract", "/no/such/dir"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("/no/such/dir"));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_broken_theme_lexicon_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("themes.toml");
    std::fs::write(&p, "[[theme]\nid = ").expect("write");
    let out = bin()
        .args(["extract", "--themes"])
        .arg(&p)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("themes.toml"), "{err}");
}

#[test]
fn a_custom_theme_lexicon_is_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("themes.toml");
    std::fs::write(
        &p,
        "[[theme]]\nid = \"week\"\nlabel_zh = \"产业周\"\nlabel_en = \"Week\"\ncolor = \"#123456\"\nkeywords = [\"产业周\"]\n",
    )
    .expect("write");
    let out = bin()
        .args(["extract", "--themes"])
        .arg(&p)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let themes: Vec<&str> = v["items"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|i| {
            i["themes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str())
        })
        .collect();
    assert!(themes.contains(&"week"));
    assert!(themes.iter().all(|t| *t == "week"), "{themes:?}");
}

#[test]
fn a_missing_path_exits_2_before_any_window() {
    // No display: were a window asked for first, this would fail with a windowing
    // error and exit 1.
    let out = bin()
        .arg("/nonexistent/biotimeline-test")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no such file or folder"), "{err}");
}

#[test]
fn chart_with_an_unknown_extension_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("x.xyz");
    let out = bin()
        .args(["chart", "--kind", "timeline", "--out"])
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.xyz"));
    assert!(!out_path.exists());
    // With --format it is the user's choice.
    let out = bin()
        .args(["chart", "--kind", "timeline", "--format", "svg", "--out"])
        .arg(&out_path)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&out_path).unwrap().contains("<svg"));
}

#[test]
fn chart_labels_follow_lang() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, title, other) in [("en", "Timeline", "时间线"), ("zh", "时间线", "Timeline")] {
        let out_path = dir.path().join(format!("{lang}.svg"));
        let out = bin()
            .args(["chart", "--kind", "timeline", "--lang", lang, "--out"])
            .arg(&out_path)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = std::fs::read_to_string(&out_path).unwrap();
        assert!(svg.contains(&format!(">{title}<")), "{lang}");
        assert!(!svg.contains(&format!(">{other}<")), "{lang}");
    }
}
