//! YAML anchors (`&name`) that an alias (`*name`) repeats elsewhere in the
//! file: changing the anchored value in place would change every alias too,
//! so an edit looks for one on the value it changes and on what holds it.

use yaml_edit::SyntaxKind;

/// The anchor on the node that starts at byte `offset` of `text`, when an
/// alias repeats it: its name and the byte offset of its `&name`.
pub(super) fn repeated_anchor(text: &str, offset: usize) -> Option<(String, usize)> {
    // No alias, nothing repeated: the common case costs one scan.
    if !text.contains('*') {
        return None;
    }
    let mut at = 0;
    let tokens: Vec<(SyntaxKind, usize, &str)> = yaml_edit::lex(text)
        .into_iter()
        .map(|(kind, s)| {
            let start = at;
            at += s.len();
            (kind, start, s)
        })
        .collect();
    let first = tokens.iter().position(|(_, start, _)| *start == offset)?;
    let (name, anchor_at) = tokens[..first]
        .iter()
        .rev()
        .find(|(kind, _, _)| !is_between(*kind))
        .filter(|(kind, _, _)| *kind == SyntaxKind::ANCHOR)
        .map(|(_, start, s)| (s.trim_start_matches('&'), *start))?;
    let repeated = tokens
        .iter()
        .any(|(kind, _, s)| *kind == SyntaxKind::REFERENCE && s.trim_start_matches('*') == name);
    repeated.then(|| (name.to_string(), anchor_at))
}

/// What may stand between an anchor and the node it names.
fn is_between(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::WHITESPACE
            | SyntaxKind::NEWLINE
            | SyntaxKind::INDENT
            | SyntaxKind::COMMENT
            | SyntaxKind::TAG
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_count_only_when_repeated() {
        let text = "a: &st done\nb: *st\nc: &lone x\nd:\n  &m\n  e: 1\nf: *m\n";
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(repeated_anchor(text, at("done")), Some(("st".into(), 3)));
        assert_eq!(repeated_anchor(text, at("x\n")), None);
        assert_eq!(
            repeated_anchor(text, at("e: 1")),
            Some(("m".into(), at("&m")))
        );
        assert_eq!(repeated_anchor(text, at("*st")), None);
        assert_eq!(repeated_anchor("a: &st done\n", 7), None);
    }
}
