//! A program folder's own document templates (`templates/`), read for
//! `report` and the dashboard alike: `.md` and `.html` files, sorted by
//! name; one that leads into `private/` or out of the folder is refused
//! (see [`crate::private::Fence`]), since nothing there is ever read into
//! output.

use std::fs;
use std::path::Path;

use crate::error::{Error, Result};
use crate::private::Fence;
use crate::{MAX_RECORD_BYTES, read_text};

/// The folder of template overrides in a program folder.
pub const TEMPLATES_DIR: &str = "templates";

/// One template file of `templates/`: its file name and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    pub name: String,
    pub text: String,
}

/// The templates in `root/templates/`, if any.
pub fn template_overrides(root: &Path) -> Result<Vec<TemplateFile>> {
    let dir = root.join(TEMPLATES_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, "reading the templates folder", e)),
    };
    let fence = Fence::of(root);
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !(name.ends_with(".md") || name.ends_with(".html")) {
            continue;
        }
        let path = entry.path();
        let rel = Path::new(TEMPLATES_DIR).join(&name);
        if let Err(why) = fence.check(&path) {
            return Err(Error::problem(why.problem(
                &rel,
                "reports",
                "copy the template into templates/ instead of linking to it",
            )));
        }
        if path.is_dir() {
            continue;
        }
        let text = read_text(&path, &rel, MAX_RECORD_BYTES).map_err(Error::problem)?;
        out.push(TemplateFile { name, text });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
