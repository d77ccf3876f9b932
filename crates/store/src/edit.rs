//! In-place edits of YAML files that people write: change one value, add to a
//! list, keep every comment and the order of everything else (yaml-edit keeps
//! the file's syntax tree, trivia included).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use yaml_edit::{Document, Mapping, Sequence, YamlValue};

use crate::error::{EditMiss, Error, Problem, Result};

/// A YAML file opened for editing.
pub struct YamlDoc {
    doc: Document,
    original: String,
    /// The file, as refusals name it.
    file: PathBuf,
}

impl YamlDoc {
    /// Parses `text` (the file at `rel`) for editing.
    pub fn parse(rel: &Path, text: &str) -> Result<YamlDoc> {
        let doc = Document::from_str(text).map_err(|e| {
            Error::problem(Problem::file(
                rel,
                format!("cannot be edited in place: {e}"),
            ))
        })?;
        if doc.as_mapping().is_none() {
            return Err(Error::problem(Problem::file(
                rel,
                "cannot be edited in place: it is not a mapping of fields",
            )));
        }
        Ok(YamlDoc {
            doc,
            original: text.to_string(),
            file: rel.to_path_buf(),
        })
    }

    /// A refusal to edit this file.
    fn refuse(&self, why: EditMiss) -> Error {
        Error::Edit {
            file: self.file.clone(),
            why,
        }
    }

    fn root(&self) -> Result<Mapping> {
        self.doc
            .as_mapping()
            .ok_or_else(|| self.refuse(EditMiss::NotAMapping))
    }

    /// The mapping at `path` (keys from the top), created when missing.
    fn mapping_at(&self, path: &[&str]) -> Result<Mapping> {
        let mut map = self.root()?;
        for key in path {
            let next = match map.get_mapping(*key) {
                Some(m) => m,
                None => {
                    if map.contains_key(*key) {
                        return Err(self.refuse(EditMiss::KeyNotAMapping {
                            key: key.to_string(),
                        }));
                    }
                    map.set(*key, Mapping::new_pending_block());
                    map.get_mapping(*key).ok_or_else(|| {
                        self.refuse(EditMiss::CannotAdd {
                            key: key.to_string(),
                        })
                    })?
                }
            };
            map = next;
        }
        Ok(map)
    }

    /// Sets `key` inside the mapping at `path` to a scalar value.
    pub fn set_scalar(&self, path: &[&str], key: &str, value: Scalar<'_>) -> Result<()> {
        let map = self.mapping_at(path)?;
        put(&map, key, value);
        Ok(())
    }

    /// Sets `key` in item `index` (from 0) of the top-level list `list`, an
    /// item that is a mapping of fields (a SMART goal, say).
    pub fn set_in_item(
        &self,
        list: &str,
        index: usize,
        key: &str,
        value: Scalar<'_>,
    ) -> Result<()> {
        let item = self
            .root()?
            .get_sequence(list)
            .and_then(|seq| seq.get(index))
            .ok_or_else(|| {
                self.refuse(EditMiss::NoItem {
                    list: list.to_string(),
                    n: index + 1,
                })
            })?;
        let map = item.as_mapping().ok_or_else(|| {
            self.refuse(EditMiss::ItemNotAMapping {
                list: list.to_string(),
                n: index + 1,
            })
        })?;
        put(map, key, value);
        Ok(())
    }

    /// Removes `key` from the mapping at `path`, if there.
    pub fn remove(&self, path: &[&str], key: &str) -> Result<()> {
        let map = self.mapping_at(path)?;
        map.remove(key);
        Ok(())
    }

    /// The items of the list `key` at the top level, as text.
    pub fn list(&self, key: &str) -> Vec<String> {
        self.root()
            .ok()
            .and_then(|m| m.get_sequence(key))
            .map(|s| seq_strings(&s))
            .unwrap_or_default()
    }

    /// Appends `item` to the top-level list `key` unless already there;
    /// creates the list when missing. Returns whether it changed.
    pub fn add_to_list(&self, key: &str, item: &str) -> Result<bool> {
        let root = self.root()?;
        match root.get_sequence(key) {
            Some(seq) => {
                if seq_strings(&seq).iter().any(|s| s == item) {
                    return Ok(false);
                }
                seq.push(item);
            }
            None => {
                if root.contains_key(key) {
                    let node = root.get(key);
                    let is_null = node
                        .as_ref()
                        .and_then(|n| n.as_scalar().map(|s| s.as_string()))
                        .is_some_and(|s| {
                            s.trim().is_empty() || s.trim() == "~" || s.trim() == "null"
                        });
                    if !is_null {
                        return Err(self.refuse(EditMiss::KeyNotAList {
                            key: key.to_string(),
                        }));
                    }
                }
                root.set(key, YamlValue::from_sequence(vec![YamlValue::scalar(item)]));
            }
        }
        Ok(true)
    }

    /// Removes `item` from the top-level list `key`. Returns whether it changed.
    pub fn remove_from_list(&self, key: &str, item: &str) -> Result<bool> {
        let root = self.root()?;
        let Some(seq) = root.get_sequence(key) else {
            return Ok(false);
        };
        let Some(i) = seq_strings(&seq).iter().position(|s| s == item) else {
            return Ok(false);
        };
        seq.remove(i);
        if seq.is_empty() {
            root.remove(key);
        }
        Ok(true)
    }

    /// The edited text, and whether it differs from what was read.
    pub fn finish(&self) -> (String, bool) {
        let mut text = self.doc.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let changed = text != self.original;
        (text, changed)
    }
}

/// A scalar to write.
#[derive(Debug, Clone, Copy)]
pub enum Scalar<'a> {
    /// Text, quoted as YAML needs.
    Str(&'a str),
    Bool(bool),
    Int(i64),
    /// Written as is (a date such as `2016-05-01`).
    Raw(&'a str),
}

fn put(map: &Mapping, key: &str, value: Scalar<'_>) {
    match value {
        Scalar::Str(s) => map.set(key, s),
        Scalar::Bool(b) => map.set(key, b),
        Scalar::Int(i) => map.set(key, i),
        Scalar::Raw(s) => map.set(key, YamlValue::scalar(yaml_edit::ScalarValue::plain(s))),
    }
}

fn seq_strings(seq: &Sequence) -> Vec<String> {
    seq.values()
        .filter_map(|v| v.as_scalar().map(|s| s.as_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, f: impl FnOnce(&YamlDoc)) -> String {
        let doc = YamlDoc::parse(Path::new("x.yaml"), text).unwrap();
        f(&doc);
        doc.finish().0
    }

    #[test]
    fn set_keeps_comments_and_order() {
        let text = "# Ana's record\nname: Ana  # preferred name\nemail: a@x.org\n\n# goals below\ndeliverables:\n  resume: draft  # due May\n  career-plan: not-started\n";
        let out = edit(text, |d| {
            d.set_scalar(&["deliverables"], "resume", Scalar::Str("done"))
                .unwrap()
        });
        assert_eq!(out, text.replace("resume: draft", "resume: done"));
    }

    #[test]
    fn nested_mapping_is_created() {
        let out = edit("name: Ana\nemail: a@x.org\n", |d| {
            d.set_scalar(&["outcome"], "completed", Scalar::Bool(true))
                .unwrap()
        });
        assert_eq!(
            out,
            "name: Ana\nemail: a@x.org\noutcome:\n  completed: true\n"
        );
    }

    #[test]
    fn lists_grow_once_and_keep_style() {
        let text = "title: T\nattendance:\n  - ana  # late\n  - bo\nnotes: x\n";
        let out = edit(text, |d| {
            assert!(d.add_to_list("attendance", "cy").unwrap());
            assert!(!d.add_to_list("attendance", "ana").unwrap());
        });
        assert_eq!(
            out,
            "title: T\nattendance:\n  - ana  # late\n  - bo\n  - cy\nnotes: x\n"
        );
        let out = edit("title: T\nattendance: [ana]\n", |d| {
            d.add_to_list("attendance", "bo").unwrap();
        });
        assert_eq!(out, "title: T\nattendance: [ana, bo]\n");
        let out = edit("title: T\n", |d| {
            d.add_to_list("attendance", "bo").unwrap();
        });
        assert_eq!(out, "title: T\nattendance:\n- bo\n");
    }

    #[test]
    fn list_items_and_flow_maps_are_edited_in_place() {
        let text = "name: Ana\nsmart_goals:\n  - goal: Lead a training  # first\n    status: in-progress\n  - goal: Apply\n    target: 2016-12-31\nsurveys:\n  pre: {confidence: 2, clarity: 1}\n";
        let out = edit(text, |d| {
            d.set_in_item("smart_goals", 0, "status", Scalar::Str("done"))
                .unwrap();
            d.set_in_item("smart_goals", 1, "status", Scalar::Str("dropped"))
                .unwrap();
            d.set_in_item("smart_goals", 1, "target", Scalar::Raw("2017-01-31"))
                .unwrap();
            d.set_scalar(&["surveys", "pre"], "clarity", Scalar::Int(3))
                .unwrap();
            d.set_scalar(&["surveys", "pre"], "joy", Scalar::Int(4))
                .unwrap();
            d.set_scalar(&["surveys", "post"], "clarity", Scalar::Int(5))
                .unwrap();
            assert!(
                d.set_in_item("smart_goals", 2, "status", Scalar::Str("done"))
                    .is_err()
            );
        });
        assert_eq!(
            out,
            "name: Ana\nsmart_goals:\n  - goal: Lead a training  # first\n    status: done\n  - goal: Apply\n    target: 2017-01-31\n    status: dropped\nsurveys:\n  pre: {confidence: 2, clarity: 3, joy: 4}\n  post:\n    clarity: 5\n"
        );
    }

    #[test]
    fn strings_that_need_quotes_are_quoted() {
        let out = edit("name: Ana\n", |d| {
            d.set_scalar(&[], "notes", Scalar::Str("yes: # really"))
                .unwrap()
        });
        let back: std::collections::BTreeMap<String, String> =
            serde_saphyr::from_str(&out).unwrap();
        assert_eq!(back["notes"], "yes: # really");
    }
}

#[cfg(test)]
mod lossless {
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
}
