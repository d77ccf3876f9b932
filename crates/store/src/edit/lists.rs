//! Lists edited in place, many items in one pass: `attend` on a session of
//! 20,000 attendees adds or removes thousands of ids, and one tree edit per
//! id would cost a pass over the file each. Items are looked up in a set;
//! new items are spliced in as text (after the last item of a block list,
//! before the `]` of a flow list, spelled by the one YAML writer), removed
//! ones cut out line by line, and the file is parsed once again (and
//! checked to hold exactly the list wanted, else the edit falls back to one
//! tree edit per item). A single value where a list
//! belongs (`excused: ana`) stands for a list of one, as the loader reads it.

use std::collections::HashSet;
use std::str::FromStr;

use yaml_edit::{Document, Sequence, YamlNode, YamlValue};

use super::{YamlDoc, add_key, is_null, seq_strings};
use crate::error::{EditMiss, Result};

/// What to do when the list is a single value, or not a list at all.
const NOT_A_LIST_HELP: &str =
    "write it as a list (`key: [a, b]`, or one `- item` a line), then run the command again";

impl YamlDoc {
    /// Appends each of `items` not already in the top-level list `key`, in
    /// order; creates the list when missing. Returns how many were added.
    pub fn add_all_to_list(&self, key: &str, items: &[String]) -> Result<usize> {
        let root = self.root()?;
        let node = root.get(key);
        if let Some(node) = &node {
            self.guard(node.byte_range().start as usize, key, true)?;
        }
        let have: HashSet<String> = match &node {
            Some(YamlNode::Sequence(seq)) => seq_strings(seq).into_iter().collect(),
            Some(YamlNode::Scalar(s)) if !is_null(&s.as_string()) => [s.as_string()].into(),
            Some(YamlNode::Scalar(_)) | None => HashSet::new(),
            Some(other) => {
                let at = other.byte_range().start as usize;
                return Err(self.refuse_at(
                    EditMiss::KeyNotAList {
                        key: key.to_string(),
                    },
                    at,
                    NOT_A_LIST_HELP,
                ));
            }
        };
        let mut seen = HashSet::new();
        let new: Vec<&String> = items
            .iter()
            .filter(|it| !have.contains(*it) && seen.insert(*it))
            .collect();
        if new.is_empty() {
            return Ok(0);
        }
        match node {
            Some(YamlNode::Sequence(seq)) => {
                if !self.splice_in(key, &seq, &new) {
                    for it in &new {
                        seq.push(it.as_str());
                    }
                }
            }
            Some(YamlNode::Scalar(s)) if !is_null(&s.as_string()) => {
                // One value standing for a list of one: a flow list of it
                // and the new items, in the same place (its comment kept).
                root.set(key, Sequence::new_flow());
                let seq = root.get_sequence(key).ok_or_else(|| {
                    self.refuse(EditMiss::CannotAdd {
                        key: key.to_string(),
                    })
                })?;
                seq.push(s.as_string().as_str());
                for it in &new {
                    seq.push(it.as_str());
                }
            }
            _ => {
                let list = YamlValue::from_sequence(
                    new.iter()
                        .map(|it| YamlValue::scalar(it.as_str()))
                        .collect(),
                );
                if root.contains_key(key) {
                    root.set(key, list);
                } else {
                    add_key(&root, key, list);
                }
            }
        }
        Ok(new.len())
    }

    /// Removes each of `items` from the top-level list `key` (the key goes
    /// when the list is left empty). Returns how many were removed.
    pub fn remove_all_from_list(&self, key: &str, items: &[String]) -> Result<usize> {
        let root = self.root()?;
        let gone: HashSet<&str> = items.iter().map(String::as_str).collect();
        match root.get(key) {
            Some(YamlNode::Sequence(seq)) => {
                let at: Vec<usize> = seq
                    .values()
                    .enumerate()
                    .filter(|(_, v)| {
                        v.as_scalar()
                            .is_some_and(|s| gone.contains(s.as_string().as_str()))
                    })
                    .map(|(i, _)| i)
                    .collect();
                if at.is_empty() {
                    return Ok(0);
                }
                self.guard(seq.byte_range().start as usize, key, true)?;
                if at.len() == seq.len() {
                    // Every item goes, and so does the key.
                    root.remove(key);
                    return Ok(at.len());
                }
                if !(at.len() > 1 && self.splice_out(key, &seq, &gone, at.len())) {
                    for &i in at.iter().rev() {
                        seq.remove(i);
                    }
                }
                let root = self.root()?;
                if root.get_sequence(key).is_some_and(|s| s.is_empty()) {
                    root.remove(key);
                }
                Ok(at.len())
            }
            Some(YamlNode::Scalar(s)) if gone.contains(s.as_string().as_str()) => {
                self.guard(s.byte_range().start as usize, key, true)?;
                root.remove(key);
                Ok(1)
            }
            _ => Ok(0),
        }
    }

    /// Adds `new` to the list `seq` as text (after the last item of a block
    /// list, before the `]` of a flow list), then parses again; false
    /// (nothing changed) when the list is not laid out so, or the result
    /// would not be exactly the list wanted.
    fn splice_in(&self, key: &str, seq: &Sequence, new: &[&String]) -> bool {
        let text = self.text();
        let r = seq.byte_range();
        let (start, end) = (r.start as usize, r.end as usize);
        let spliced = if seq.is_flow_style() {
            let Some(close) = text[start..end].rfind(']').map(|i| start + i) else {
                return false;
            };
            let items: Vec<String> = new.iter().map(|it| crate::yaml::item(it)).collect();
            let comma = if seq.is_empty() { "" } else { ", " };
            let before = text[..close].trim_end_matches([' ', '\t', '\n', '\r']);
            format!("{before}{comma}{}{}", items.join(", "), &text[close..])
        } else {
            let (Some(first), Some(last)) = (seq.values().next(), seq.values().last()) else {
                return false;
            };
            let first_at = first.byte_range().start as usize;
            let line_start = text[..first_at].rfind('\n').map_or(0, |i| i + 1);
            let lead = &text[line_start..first_at];
            if lead.trim_start() != "- " {
                return false;
            }
            let end = last.byte_range().end as usize;
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            let mut added = String::new();
            if !text[..line_end].ends_with('\n') {
                added.push('\n');
            }
            for it in new {
                added.push_str(lead);
                added.push_str(&crate::yaml::item(it));
                added.push('\n');
            }
            format!("{}{added}{}", &text[..line_end], &text[line_end..])
        };
        let mut want = seq_strings(seq);
        want.extend(new.iter().map(|s| s.to_string()));
        self.replace_if(&spliced, key, &want)
    }

    /// Cuts the items of `seq` that are in `gone` (`count` of them) as text:
    /// their lines in a block list (each a plain `- item` line), the list
    /// written again with the rest in a flow list. Then parses again; false
    /// (nothing changed) unless the result is the list wanted. An emptied
    /// list is left for the caller to remove.
    fn splice_out(&self, key: &str, seq: &Sequence, gone: &HashSet<&str>, count: usize) -> bool {
        let text = self.text();
        let want: Vec<String> = seq_strings(seq)
            .into_iter()
            .filter(|s| !gone.contains(s.as_str()))
            .collect();
        let spliced = if seq.is_flow_style() {
            let r = seq.byte_range();
            let kept: Vec<&str> = seq
                .values()
                .filter(|v| {
                    !v.as_scalar()
                        .is_some_and(|s| gone.contains(s.as_string().as_str()))
                })
                .map(|v| {
                    let r = v.byte_range();
                    &text[r.start as usize..r.end as usize]
                })
                .collect();
            format!(
                "{}[{}]{}",
                &text[..r.start as usize],
                kept.join(", "),
                &text[r.end as usize..]
            )
        } else {
            let mut cuts = Vec::with_capacity(count);
            for v in seq.values() {
                let Some(s) = v.as_scalar() else { continue };
                if !gone.contains(s.as_string().as_str()) {
                    continue;
                }
                let r = v.byte_range();
                let (start, end) = (r.start as usize, r.end as usize);
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
                let rest = text[end..line_end].trim();
                if text[line_start..start].trim_start() != "- "
                    || !(rest.is_empty() || rest.starts_with('#'))
                {
                    return false;
                }
                cuts.push((line_start, line_end));
            }
            let mut spliced = String::with_capacity(text.len());
            let mut from = 0;
            for (start, end) in cuts {
                spliced.push_str(&text[from..start]);
                from = end;
            }
            spliced.push_str(&text[from..]);
            spliced
        };
        self.replace_if(&spliced, key, &want)
    }

    /// Takes `spliced` as the document when it parses and its list `key`
    /// holds exactly `want`.
    fn replace_if(&self, spliced: &str, key: &str, want: &[String]) -> bool {
        let Ok(doc) = Document::from_str(spliced) else {
            return false;
        };
        let got = doc
            .as_mapping()
            .and_then(|m| m.get_sequence(key))
            .map(|s| seq_strings(&s));
        if got.as_deref() != Some(want) {
            return false;
        }
        *self.doc.borrow_mut() = doc;
        true
    }
}
