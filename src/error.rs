//! Errors of the library: one enum, each variant pointing at the place that
//! caused it.
//!
//! Every error a user can cause by editing a file carries a [`Location`]:
//! the path, a 1-based line and a 1-based column counted in *characters*
//! (not bytes), because a column counted in bytes is useless in a line of
//! Chinese text. Where there is an obvious next step, the error carries a
//! hint too. The CLI prints the error and its chain; nothing in the library
//! exits or panics on bad input.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a file: path, 1-based line, 1-based column in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file the problem is in.
    pub path: PathBuf,
    /// 1-based line number; 0 when the whole file is meant.
    pub line: usize,
    /// 1-based column counted in characters; 0 when the whole line is meant.
    pub col: usize,
}

impl Location {
    /// A location naming a whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: 0,
            col: 0,
        }
    }

    /// A location at `line` and `col` (both 1-based) of `path`.
    pub fn at(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Location {
            path: path.into(),
            line,
            col,
        }
    }

    /// The location of byte offset `offset` of `text`, a file at `path`.
    ///
    /// Columns count characters, so a column is where an editor's cursor
    /// would be. An offset past the end points just after the last character.
    pub fn of_offset(path: impl Into<PathBuf>, text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Location::at(path, line, col)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        Ok(())
    }
}

/// Everything that can go wrong in jiedu's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {cause}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What the operating system said. Part of the message, and so not
        /// also a `source()`: a report printing the cause chain would say
        /// it twice.
        cause: std::io::Error,
    },

    /// A file's content is wrong: bad YAML, an unknown key, a missing title…
    #[error("{loc}: {msg}{}", hint_suffix(hint))]
    Invalid {
        /// Where the problem is.
        loc: Location,
        /// What is wrong.
        msg: String,
        /// What to do about it, if there is an obvious answer.
        hint: Option<String>,
    },

    /// Two files claim the same URL.
    #[error("{second}: duplicate {what} `{id}`: {first} already uses it{}", hint_suffix(&Some("rename one of the files".into())))]
    Duplicate {
        /// What kind of id collides ("article slug", "term id"…).
        what: &'static str,
        /// The colliding id.
        id: String,
        /// The file that had it first.
        first: Location,
        /// The file that claims it again.
        second: Location,
    },

    /// A template failed to parse or render.
    #[error("{loc}: template error: {msg}")]
    Template {
        /// The template file and, when Tera says so, the line and column.
        loc: Location,
        /// Tera's message with its whole cause chain.
        msg: String,
    },

    /// Several independent problems, collected so the user sees them all at
    /// once instead of fixing them one build at a time.
    #[error("{}", list(.0))]
    Many(Vec<Error>),
}

fn hint_suffix(hint: &Option<String>) -> String {
    hint.as_ref()
        .map(|h| format!("\n  hint: {h}"))
        .unwrap_or_default()
}

fn list(errors: &[Error]) -> String {
    let mut out = format!("{} problems:", errors.len());
    for e in errors {
        out.push_str("\n- ");
        out.push_str(&e.to_string().replace('\n', "\n  "));
    }
    out
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, cause: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            cause,
        }
    }

    /// A content error at `loc`.
    pub fn invalid(loc: Location, msg: impl Into<String>) -> Self {
        Error::Invalid {
            loc,
            msg: msg.into(),
            hint: None,
        }
    }

    /// Adds a hint to an [`Error::Invalid`]; other variants are unchanged.
    pub fn with_hint(self, hint: impl Into<String>) -> Self {
        match self {
            Error::Invalid { loc, msg, .. } => Error::Invalid {
                loc,
                msg,
                hint: Some(hint.into()),
            },
            other => other,
        }
    }

    /// Turns a list of errors into one: `Ok` when empty, the error itself
    /// when alone, [`Error::Many`] otherwise.
    pub fn collect(mut errors: Vec<Error>) -> Result<(), Error> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }

    /// The first location this error names, if any (used by the dev
    /// server's error overlay).
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Io { .. } => None,
            Error::Invalid { loc, .. } | Error::Template { loc, .. } => Some(loc),
            Error::Duplicate { second, .. } => Some(second),
            Error::Many(all) => all.iter().find_map(Error::location),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_character_columns() {
        let text = "标题：第一行\n第二行，错误在这";
        let offset = text.find("错误").unwrap();
        let loc = Location::of_offset("a.md", text, offset);
        assert_eq!((loc.line, loc.col), (2, 5));
        assert_eq!(loc.to_string(), "a.md:2:5");
    }

    #[test]
    fn offset_inside_a_character_is_clamped() {
        let loc = Location::of_offset("a.md", "中文", 1);
        assert_eq!((loc.line, loc.col), (1, 1));
        let end = Location::of_offset("a.md", "中文", 99);
        assert_eq!((end.line, end.col), (1, 3));
    }

    #[test]
    fn many_lists_every_problem() {
        let e = Error::collect(vec![
            Error::invalid(Location::at("a.md", 1, 1), "one"),
            Error::invalid(Location::at("b.md", 2, 3), "two").with_hint("fix it"),
        ])
        .unwrap_err();
        let s = e.to_string();
        assert!(s.contains("2 problems"), "{s}");
        assert!(s.contains("a.md:1:1: one"), "{s}");
        assert!(s.contains("b.md:2:3: two\n    hint: fix it"), "{s}");
    }
}
