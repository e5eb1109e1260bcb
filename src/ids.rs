//! Typed identifiers: article slugs, term ids, paragraph anchors and source
//! names.
//!
//! Each is a newtype whose constructor checks the one invariant that makes
//! it safe to put into a URL and a file name: lowercase ASCII letters,
//! digits and single inner hyphens (source names may also hold `_`). In
//! particular no id can contain `/`, `..` or anything a browser would
//! interpret, so an id coming from a file name can never escape `public/`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidId {
    /// The rejected text.
    pub text: String,
    /// What kind of id it was meant to be.
    pub what: &'static str,
}

impl fmt::Display for InvalidId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a valid {}: use lowercase ASCII letters, digits and single hyphens, \
             starting and ending with a letter or digit",
            self.text, self.what
        )
    }
}

impl std::error::Error for InvalidId {}

fn is_id(s: &str, extra: &[u8]) -> bool {
    let bytes = s.as_bytes();
    let ok_char = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || extra.contains(b);
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    !bytes.is_empty()
        && bytes.len() <= 120
        && bytes.iter().all(|b| ok_char(b) || *b == b'-')
        && alnum(&bytes[0])
        && alnum(&bytes[bytes.len() - 1])
        && !s.contains("--")
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal, $extra:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks `s` and wraps it.
            pub fn new(s: impl Into<String>) -> Result<Self, InvalidId> {
                let s = s.into();
                if is_id(&s, $extra) {
                    Ok($name(s))
                } else {
                    Err(InvalidId { text: s, what: $what })
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::new(s).map_err(serde::de::Error::custom)
            }
        }
    };
}

id_type!(
    /// An article's slug: its file name under `content/articles/` and its
    /// URL `/articles/<slug>/`.
    Slug,
    "slug",
    &[]
);

id_type!(
    /// A glossary term's id: its file name under `content/glossary/` and
    /// its URL `/glossary/<id>/`.
    TermId,
    "term id",
    &[]
);

id_type!(
    /// A raw source's name: the file stem under `content/sources/`, URL
    /// `/sources/<name>/`. Underscores are allowed because page dumps are
    /// often named like `000_1eef88d04c1771e2.txt`.
    SourceName,
    "source name",
    b"_"
);

/// The anchor of a top-level block in an article body: `p1`, `p2`, …
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ParagraphId(pub u32);

impl ParagraphId {
    /// The anchor text without `#`, e.g. `p3`.
    pub fn anchor(self) -> String {
        format!("p{}", self.0)
    }
}

impl fmt::Display for ParagraphId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "p{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_url_segments() {
        for good in ["a", "qinglian-chongqing", "885", "a1-b2"] {
            assert!(Slug::new(good).is_ok(), "{good}");
        }
        for bad in [
            "", "..", "a/b", "A", "a--b", "-a", "a-", "中文", "a b", "a_b", "a.b",
        ] {
            assert!(Slug::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn source_names_allow_underscores() {
        assert!(SourceName::new("000_1eef88d04c1771e2").is_ok());
        assert!(SourceName::new("../etc").is_err());
    }

    #[test]
    fn ids_reject_bad_yaml_values() {
        let r: Result<Slug, _> = yaml_serde::from_str("\"../x\"");
        assert!(r.unwrap_err().to_string().contains("not a valid slug"));
    }
}
