//! In-place edits of YAML files that people write: change one value, add to a
//! list, keep every comment and the order of everything else (yaml-edit keeps
//! the file's syntax tree, trivia included). One edit changes one value: a
//! value that is a YAML anchor repeated elsewhere by an alias is refused, so
//! is a list written as one value where one cannot stand for a list; new keys
//! go before a comment that closes the file; long lists grow in one pass.

mod anchors;
mod lists;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use yaml_edit::{Document, Mapping, Sequence, YamlNode, YamlValue};

use crate::error::{EditMiss, Error, Problem, Result};

/// A YAML file opened for editing.
pub struct YamlDoc {
    /// The tree being edited; replaced whole when a long list is spliced.
    doc: RefCell<Document>,
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
            doc: RefCell::new(doc),
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

    /// A refusal placed at a byte offset of the text as it is now, with the
    /// line shown.
    fn refuse_at(&self, why: EditMiss, offset: usize, help: &str) -> Error {
        let text = self.text();
        let (line, column) = crate::diag::line_col(&text, offset);
        Error::problem(
            Problem::file(&self.file, why.to_string())
                .at(&text, line, column)
                .help(help),
        )
    }

    /// The text as edited so far.
    fn text(&self) -> String {
        self.doc.borrow().to_string()
    }

    fn root(&self) -> Result<Mapping> {
        self.doc
            .borrow()
            .as_mapping()
            .ok_or_else(|| self.refuse(EditMiss::NotAMapping))
    }

    /// The mapping at `path` (keys from the top), created when missing;
    /// refused when it is (or lies inside) an anchor that an alias repeats.
    fn mapping_at(&self, path: &[&str], field: &str) -> Result<Mapping> {
        let mut map = self.root()?;
        for key in path {
            let next = match map.get_mapping(*key) {
                Some(m) => {
                    self.guard(m.byte_range().start as usize, field, false)?;
                    m
                }
                None => {
                    if map.contains_key(*key) {
                        return Err(self.refuse(EditMiss::KeyNotAMapping {
                            key: key.to_string(),
                        }));
                    }
                    add_key(&map, key, Mapping::new_pending_block());
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

    /// Refuses to change the node that starts at `offset` when it carries
    /// an anchor that an alias repeats; `itself` when it is the very value
    /// to change (else it holds it).
    fn guard(&self, offset: usize, field: &str, itself: bool) -> Result<()> {
        let text = self.text();
        match anchors::repeated_anchor(&text, offset) {
            Some((name, at)) => Err(self.refuse_at(
                EditMiss::Anchored {
                    field: field.to_string(),
                    anchor: name,
                    itself,
                },
                at,
                "write the value out in full in each place, then run the command again",
            )),
            None => Ok(()),
        }
    }

    /// The value of `key` in `map`, refused when it is a repeated anchor.
    fn guard_value(&self, map: &Mapping, key: &str, field: &str) -> Result<Option<YamlNode>> {
        let node = map.get(key);
        if let Some(node) = &node {
            self.guard(node.byte_range().start as usize, field, true)?;
        }
        Ok(node)
    }

    /// Sets `key` inside the mapping at `path` to a scalar value.
    pub fn set_scalar(&self, path: &[&str], key: &str, value: Scalar<'_>) -> Result<()> {
        let field = dotted(path.iter().copied().chain([key]));
        let map = self.mapping_at(path, &field)?;
        self.guard_value(&map, key, &field)?;
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
        let n = (index + 1).to_string();
        let field = dotted([list, n.as_str(), key]);
        let no_item = || {
            self.refuse(EditMiss::NoItem {
                list: list.to_string(),
                n: index + 1,
            })
        };
        let seq = self.root()?.get_sequence(list).ok_or_else(no_item)?;
        self.guard(seq.byte_range().start as usize, &field, false)?;
        let item = seq.get(index).ok_or_else(no_item)?;
        self.guard(item.byte_range().start as usize, &field, false)?;
        let map = item.as_mapping().ok_or_else(|| {
            self.refuse(EditMiss::ItemNotAMapping {
                list: list.to_string(),
                n: index + 1,
            })
        })?;
        self.guard_value(map, key, &field)?;
        put(map, key, value);
        Ok(())
    }

    /// Removes `key` from the mapping at `path`, if there.
    pub fn remove(&self, path: &[&str], key: &str) -> Result<()> {
        let field = dotted(path.iter().copied().chain([key]));
        let map = self.mapping_at(path, &field)?;
        self.guard_value(&map, key, &field)?;
        map.remove(key);
        Ok(())
    }

    /// The items of the list `key` at the top level, as text (a single
    /// value stands for a list of one, as the loader reads it).
    pub fn list(&self, key: &str) -> Vec<String> {
        let Ok(root) = self.root() else {
            return Vec::new();
        };
        match root.get(key) {
            Some(YamlNode::Sequence(seq)) => seq_strings(&seq),
            Some(YamlNode::Scalar(s)) if !is_null(&s.as_string()) => vec![s.as_string()],
            _ => Vec::new(),
        }
    }

    /// Appends `item` to the top-level list `key` unless already there;
    /// creates the list when missing. Returns whether it changed.
    pub fn add_to_list(&self, key: &str, item: &str) -> Result<bool> {
        self.add_all_to_list(key, &[item.to_string()])
            .map(|n| n > 0)
    }

    /// Removes `item` from the top-level list `key`. Returns whether it changed.
    pub fn remove_from_list(&self, key: &str, item: &str) -> Result<bool> {
        self.remove_all_from_list(key, &[item.to_string()])
            .map(|n| n > 0)
    }

    /// The edited text, and whether it differs from what was read.
    pub fn finish(&self) -> (String, bool) {
        let mut text = self.text();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let changed = text != self.original;
        (text, changed)
    }
}

/// `deliverables.career-plan`: where a value is, for refusals.
fn dotted<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().collect::<Vec<_>>().join(".")
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
    /// Written in double quotes whatever it holds: a time such as `14:00`,
    /// which YAML 1.1 readers would take for the number 840 unquoted.
    Quoted(&'a str),
}

fn put(map: &Mapping, key: &str, value: Scalar<'_>) {
    match value {
        Scalar::Str(s) => set_or_add(map, key, s),
        Scalar::Bool(b) => set_or_add(map, key, b),
        Scalar::Int(i) => set_or_add(map, key, i),
        Scalar::Raw(s) => set_or_add(
            map,
            key,
            YamlValue::scalar(yaml_edit::ScalarValue::plain(s)),
        ),
        Scalar::Quoted(s) => set_or_add(
            map,
            key,
            YamlValue::scalar(yaml_edit::ScalarValue::double_quoted(s)),
        ),
    }
}

/// Sets an existing key where it is, or adds a new one (see `add_key`).
fn set_or_add(map: &Mapping, key: &str, value: impl yaml_edit::AsYaml) {
    if map.contains_key(key) {
        map.set(key, value);
    } else {
        add_key(map, key, value);
    }
}

/// Adds a new key to a mapping: in a block mapping right after its last
/// entry, so that a comment closing the mapping (or the file) stays last.
fn add_key(map: &Mapping, key: &str, value: impl yaml_edit::AsYaml) {
    let last = map.keys().last();
    match last {
        Some(last) if !map.is_flow_style() && map.insert_after(&last, key, &value) => {}
        _ => map.set(key, value),
    }
}

/// Whether a scalar's text is YAML's null.
fn is_null(s: &str) -> bool {
    let s = s.trim();
    s.is_empty() || s == "~" || s == "null"
}

fn seq_strings(seq: &Sequence) -> Vec<String> {
    seq.values()
        .filter_map(|v| v.as_scalar().map(|s| s.as_string()))
        .collect()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod lossless;
