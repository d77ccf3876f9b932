//! Any sequence of edits keeps every comment, in order, and the order of
//! the keys it did not touch.
use super::*;
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "name",
    "email",
    "role",
    "department",
    "position",
    "branch",
    "notes",
];
const LISTS: &[&str] = &["competencies", "availability", "attendance"];

#[derive(Debug, Clone)]
enum Op {
    Set(usize, String),
    Add(usize, String),
    Remove(usize, usize),
    Nested(String),
}

fn doc() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(any::<bool>(), KEYS.len()),
        proptest::collection::vec((any::<bool>(), 0..4usize), LISTS.len()),
    )
        .prop_map(|(comments, lists)| {
            let mut s = String::from("# A record written by a person.\n");
            for (i, k) in KEYS.iter().enumerate() {
                if comments[i] {
                    s.push_str(&format!("# about {k}\n"));
                }
                s.push_str(&format!("{k}: value-{i}  # inline {k}\n"));
            }
            for (i, (flow, n)) in lists.iter().enumerate() {
                let items: Vec<String> = (0..*n).map(|j| format!("item-{i}-{j}")).collect();
                s.push_str(&format!("# the {} list\n", LISTS[i]));
                if *flow || items.is_empty() {
                    s.push_str(&format!("{}: [{}]\n", LISTS[i], items.join(", ")));
                } else {
                    s.push_str(&format!("{}:\n", LISTS[i]));
                    for it in items {
                        s.push_str(&format!("  - {it}  # note on {it}\n"));
                    }
                }
            }
            s.push_str("# the end\n");
            s
        })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..KEYS.len(), "[a-z ]{1,12}").prop_map(|(k, v)| Op::Set(k, v)),
        (0..LISTS.len(), "[a-z]{1,8}").prop_map(|(k, v)| Op::Add(k, v)),
        (0..LISTS.len(), 0..4usize).prop_map(|(k, j)| Op::Remove(k, j)),
        "[a-z]{1,8}".prop_map(Op::Nested),
    ]
}

fn comments(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            l.find(" #")
                .map(|i| &l[i + 1..])
                .or(l.trim_start().starts_with('#').then_some(l.trim_start()))
        })
        .map(str::to_string)
        .collect()
}

fn top_keys(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with([' ', '#', '-']) && l.contains(':'))
        .filter_map(|l| l.split(':').next().map(str::to_string))
        .collect()
}

proptest! {
    #[test]
    fn edits_keep_comments_and_untouched_key_order(text in doc(), ops in proptest::collection::vec(op(), 1..6)) {
        let d = YamlDoc::parse(Path::new("x.yaml"), &text).unwrap();
        let mut touched: Vec<String> = Vec::new();
        let mut removed_items: Vec<String> = Vec::new();
        for op in &ops {
            match op {
                Op::Set(k, v) => {
                    d.set_scalar(&[], KEYS[*k], Scalar::Str(v)).unwrap();
                    touched.push(KEYS[*k].to_string());
                }
                Op::Add(k, v) => {
                    d.add_to_list(LISTS[*k], v).unwrap();
                    touched.push(LISTS[*k].to_string());
                }
                Op::Remove(k, j) => {
                    let item = format!("item-{k}-{j}");
                    if d.remove_from_list(LISTS[*k], &item).unwrap() {
                        removed_items.push(item);
                    }
                    touched.push(LISTS[*k].to_string());
                }
                Op::Nested(v) => {
                    d.set_scalar(&["outcome"], "new_position", Scalar::Str(v)).unwrap();
                    touched.push("outcome".to_string());
                }
            }
        }
        let (out, _) = d.finish();
        // Still YAML.
        let parsed: Result<serde_json::Value, _> = serde_saphyr::from_str(&out);
        prop_assert!(parsed.is_ok(), "not YAML any more:\n{out}");
        // Every comment stays, in order (a removed item takes its own note along).
        let kept: Vec<String> = comments(&text)
            .into_iter()
            .filter(|c| !removed_items.iter().any(|it| c.ends_with(&format!("note on {it}"))))
            .collect();
        let after = comments(&out);
        let mut at = 0;
        for c in &kept {
            let found = after[at..].iter().position(|a| a == c);
            prop_assert!(found.is_some(), "lost or moved comment {c:?}:\n{out}");
            at += found.unwrap_or(0) + 1;
        }
        // Keys not touched keep their order.
        let untouched = |keys: Vec<String>| -> Vec<String> {
            keys.into_iter().filter(|k| !touched.contains(k)).collect()
        };
        prop_assert_eq!(untouched(top_keys(&text)), untouched(top_keys(&out)));
    }
}
