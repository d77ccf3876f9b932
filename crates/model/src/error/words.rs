//! The shared wording of messages, so that every command says a near miss,
//! a count or a dry run the same way.

/// The known name closest to `word`, if any is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&word, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min()
        .map(|(_, k)| k)
}

/// `did you mean `near`?`, for an id, key or field.
pub fn did_you_mean(near: &str) -> String {
    format!("did you mean `{near}`?")
}

/// `did you mean "near"?`, for free text such as a column header.
pub fn did_you_mean_quoted(near: &str) -> String {
    format!("did you mean \"{near}\"?")
}

/// The suggestion for `word` among `known`, worded, when there is a near miss.
pub fn suggestion<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(word, known).map(did_you_mean)
}

/// `1 file`, `3 files`: a count with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one wording of a dry run: `dry run: would WHAT; nothing written`.
pub fn dry_run(what: &str) -> String {
    format!("dry run: would {what}; nothing written")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_only() {
        let known = ["department", "degrees", "email"];
        assert_eq!(nearest("departmnet", known), Some("department"));
        assert_eq!(nearest("zzzzzzzzzz", known), None);
        assert_eq!(
            suggestion("emial", known).as_deref(),
            Some("did you mean `email`?")
        );
    }

    #[test]
    fn counts_and_dry_runs() {
        assert_eq!(count(1, "file", "files"), "1 file");
        assert_eq!(count(0, "file", "files"), "0 files");
        assert_eq!(
            dry_run("write screening.yaml"),
            "dry run: would write screening.yaml; nothing written"
        );
    }
}
