//! Why an in-place edit of a file people wrote cannot be made, in words.

use std::fmt;

/// Why an in-place edit cannot be made to a file people edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditMiss {
    /// The file's top is not a mapping of keys.
    NotAMapping,
    /// A key holds something other than a mapping of fields.
    KeyNotAMapping { key: String },
    /// A key holds something other than a list.
    KeyNotAList { key: String },
    /// A key could not be added.
    CannotAdd { key: String },
    /// A list has no such item.
    NoItem { list: String, n: usize },
    /// A list item is not a mapping of fields.
    ItemNotAMapping { list: String, n: usize },
    /// The value (or what holds it, unless `itself`) is a YAML anchor that
    /// an alias repeats: changing it would change the alias too.
    Anchored {
        field: String,
        anchor: String,
        itself: bool,
    },
}

impl fmt::Display for EditMiss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditMiss::NotAMapping => f.write_str("the document is not a mapping"),
            EditMiss::KeyNotAMapping { key } => {
                write!(
                    f,
                    "`{key}` is not a mapping of fields; fix it by hand first"
                )
            }
            EditMiss::KeyNotAList { key } => {
                write!(f, "`{key}` is not a list; fix it by hand first")
            }
            EditMiss::CannotAdd { key } => write!(f, "could not add `{key}` to the file"),
            EditMiss::NoItem { list, n } => write!(f, "`{list}` has no item {n}"),
            EditMiss::ItemNotAMapping { list, n } => write!(
                f,
                "item {n} of `{list}` is not a mapping of fields; fix it by hand first"
            ),
            EditMiss::Anchored {
                field,
                anchor,
                itself,
            } => write!(
                f,
                "`{field}` is {}the YAML anchor `&{anchor}`, repeated elsewhere in the file by `*{anchor}`; changing it here would change those too",
                if *itself { "" } else { "inside " }
            ),
        }
    }
}
