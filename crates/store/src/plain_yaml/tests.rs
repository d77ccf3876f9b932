use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

use super::{Node, tree};

/// The fast reader's tree as a value, to compare.
fn value(text: &str) -> Option<Value> {
    fn convert(n: Node<'_>) -> Value {
        match n {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Unsigned(n) => Value::from(n),
            Node::Negative(n) => Value::from(n),
            Node::Float(f) => Value::from(f),
            Node::Str(s) => Value::String(s.into()),
            Node::Seq(items) => Value::Array(items.into_iter().map(convert).collect()),
            Node::Map(pairs) => Value::Object(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), convert(v)))
                    .collect(),
            ),
        }
    }
    tree(text).map(convert)
}

/// The general parser's reading of `text`, as a value.
fn general(text: &str) -> Result<Value, String> {
    serde_saphyr::from_str::<Value>(text).map_err(|e| e.to_string())
}

/// Whenever the fast reader reads `text`, the general one reads the same.
fn agrees(text: &str) -> bool {
    match value(text) {
        None => false,
        Some(fast) => {
            assert_eq!(Ok(fast), general(text), "the readers differ on:\n{text}");
            true
        }
    }
}

#[test]
fn records_as_mentorkit_writes_them_are_read_fast_and_alike() {
    let text = "# a comment\nname: Aisha Khan\nemail: a@x.org\nrole: mentee\nhired: 2014-09-15\n\
        manager: false\ndegrees: []\ncompetencies: [customer service, event planning]\n\
        smart_goals:\n  - goal: Co-plan one program\n    measure: program held\n    target: 2016-09-30\n\
        \n  - goal: Second\n    status: done\ndeliverables:\n  career-plan: done\n\
        surveys:\n  pre: {confidence: 2, clarity: 1}\n  post: {}\nattendance:\n- a\n- b\n\
        time: \"14:00\"\nduration: 2h30m\nnote: 'it is'\nweight: 0.5\nempty:\nnone: ~\nneg: -3\n\
        id: 2020-04-17-workshop-100\nlist:\n  -\n    x: 1\n  - [a, b,]\nséan: Seán Ó\n";
    assert!(agrees(text));
}

#[test]
fn anything_the_two_might_read_differently_goes_to_the_general_parser() {
    for text in [
        "a: yes\n",
        "a: No\n",
        "a: TRUE\n",
        "a: 007\n",
        "a: 0x1F\n",
        "a: 1e3\n",
        "a: 1_000\n",
        "a: .5\n",
        "a: +3\n",
        "a: 14:00\n",
        "a: &x 1\nb: *x\n",
        "a: !tag x\n",
        "a: |\n  x\n",
        "a: >\n  x\n",
        "a: x # note\n",
        "a: b\n  c\n",
        "a: 1\na: 2\n",
        "a:\tb\n",
        "a: b\r\n",
        "---\na: 1\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: \"x\\ty\"\n",
        "a: 'it''s'\n",
        "a: [x, [y]]\n",
        "a: [x, \"y\"]\n",
        "a: {b: 1, b: 2}\n",
        "- a\n",
        "x\n",
        "a: 12345678901234567890\n",
        "yes: 1\n",
        "<<: {a: 1}\n",
        "a: 1.5.2\n",
        "a: 12abc\n",
        "a: - b\n",
        "a:\n- - b\n",
        "a: [x: 1]\n",
        "a: \u{feff}x\n",
        "a: x\u{7f}\n",
        "\"k\": 1\n",
        "a: ? b\n",
        "a: [b\n",
    ] {
        assert!(
            value(text).is_none(),
            "read fast, but should not be:\n{text}"
        );
    }
}

#[test]
fn every_yaml_file_the_project_ships_reads_alike() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (mut seen, mut fast) = (0, 0);
    for dir in ["examples", "program-templates", "tests"] {
        for entry in walkdir::WalkDir::new(repo.join(dir)).into_iter().flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            seen += 1;
            fast += usize::from(agrees(&text));
        }
    }
    assert!(seen > 50, "only {seen} YAML files found");
    assert!(fast * 10 >= seen * 8, "only {fast} of {seen} read fast");
}

/// Scalars of every kind, awkward ones included.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "true",
            "false",
            "yes",
            "no",
            "on",
            "Off",
            "y",
            "N",
            "null",
            "~",
            "Null",
            "0",
            "-0",
            "7",
            "-3",
            "007",
            "00",
            "1.5",
            "-0.25",
            "3.0",
            "1.",
            ".5",
            "1e3",
            "0x1F",
            "0o7",
            "1_000",
            "+3",
            "2026-11-03",
            "2026-1-3",
            "14:00",
            "1:30:00",
            "2h30m",
            "45m",
            "ENFP",
            "a b",
            "a#b",
            "a,b",
            "a:b",
            "Seán",
            "\"q\"",
            "'q'",
            "\"\"",
            "''",
            "12abc",
            "3 años",
            "2020-04-17-workshop-1",
            "x]",
            "-",
            "-x",
            ".inf",
            "1.5.2",
            "\u{202e}rtl",
            "\u{200b}",
        ])
        .prop_map(str::to_string),
        "[a-z0-9 .:#,-]{1,8}",
    ]
}

/// Small documents built from those scalars in every shape the fast
/// reader knows, and some it does not.
fn document() -> impl Strategy<Value = String> {
    let entry = (0..3usize, "[a-z]{1,3}", scalar(), scalar());
    prop::collection::vec(entry, 1..8).prop_map(|entries| {
        let mut text = String::new();
        for (shape, key, a, b) in entries {
            match shape {
                0 => text.push_str(&format!("{key}: {a}\n")),
                1 => text.push_str(&format!(
                    "{key}: [{a}, {b}]\n{key}x:\n  - {a}\n  - k: {b}\n"
                )),
                _ => text.push_str(&format!(
                    "{key}: {{p: {a}, q: {b}}}\n{key}y:\n  {key}: {b}\n"
                )),
            }
        }
        text
    })
}

proptest! {
    #[test]
    fn generated_documents_read_alike(text in document()) {
        agrees(&text);
    }
}
/// The same on a fixed run of generated documents, of which enough are
/// read fast for the comparison to mean something.
#[test]
fn a_fixed_run_of_generated_documents_reads_alike() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut fast = 0;
    for _ in 0..4000 {
        let text = document().new_tree(&mut runner).unwrap().current();
        fast += usize::from(agrees(&text));
    }
    assert!(fast > 100, "only {fast} of 4000 read fast");
}

/// Every record of the examples, read as its type by both readers.
#[test]
fn example_records_read_as_the_same_values() {
    use crate::model::{Participant, Session};
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (mut seen, mut fast) = (0, 0);
    for entry in walkdir::WalkDir::new(repo.join("examples"))
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        let folder = path.parent().and_then(Path::file_name);
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if folder == Some("participants".as_ref()) {
            seen += 1;
            if let Some(quick) = super::read::<Participant>(&text) {
                fast += 1;
                let general: Participant = serde_saphyr::from_str(&text).unwrap();
                assert_eq!(quick, general, "{}", path.display());
            }
        } else if folder == Some("sessions".as_ref()) {
            seen += 1;
            if let Some(quick) = super::read::<Session>(&text) {
                fast += 1;
                let general: Session = serde_saphyr::from_str(&text).unwrap();
                assert_eq!(quick, general, "{}", path.display());
            }
        }
    }
    assert!(
        seen > 30 && fast * 10 >= seen * 8,
        "{fast} of {seen} records read fast"
    );
}
