//! The fields of a form or a query string, decoded, in the order sent; a
//! form that changes anything must carry this run's form token.

use crate::error::{Error, Result, ServeMiss};
use crate::guard::Shared;
use crate::site::bad_field;

/// Decoded `key=value` pairs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields {
    pairs: Vec<(String, String)>,
}

impl Fields {
    /// Reads `application/x-www-form-urlencoded` text.
    pub(crate) fn parse(text: &[u8]) -> Fields {
        Fields {
            pairs: form_urlencoded::parse(text)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }

    /// The first value of `key`, when sent (blank counts as not sent).
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// Whether `key` was sent at all, even blank.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    /// The value of `key`, or a refusal naming it.
    pub(crate) fn require(&self, key: &str) -> Result<&str> {
        self.get(key).ok_or_else(|| bad_field(key, "is missing"))
    }

    /// Refuses a form without this run's token.
    pub(crate) fn check_token(&self, shared: &Shared) -> Result<()> {
        match self.pairs.iter().find(|(k, _)| k == "csrf") {
            Some((_, v)) if shared.csrf_is(v) => Ok(()),
            _ => Err(Error::Serve(ServeMiss::Csrf)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_and_blank_fields() {
        let f = Fields::parse(b"pin=&pin=a+b&pin=c%20d&w=3&empty=");
        assert_eq!(f.get("pin"), Some("a b"));
        assert_eq!(f.get("w"), Some("3"));
        assert_eq!(f.get("empty"), None);
        assert!(f.has("empty"));
        assert_eq!(
            f.require("nope").unwrap_err().to_string(),
            "the form's `nope` is missing"
        );
    }
}
