//! Raw sources (`content/sources/*.{txt,md,html,htm}`): the page dumps
//! articles were ingested from, kept so readers can check an article
//! against them. Sidecars (`*.yaml`) beside them are not sources.

use crate::error::{Error, Location, Result};
use crate::ids::SourceName;
use crate::schema::sha256_hex;
use std::path::{Path, PathBuf};

/// A decoded raw source.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file stem, used in its URL.
    pub name: SourceName,
    /// The file name, e.g. `000_1eef88d04c1771e2.txt`.
    pub file: String,
    /// The decoded text (BOM removed, line ends as in the file).
    pub text: String,
    /// sha256 of the raw bytes, hex.
    pub sha256: String,
    /// The file it was read from.
    pub path: PathBuf,
}

impl Source {
    /// Decodes a source from its bytes; `path` gives the name and errors.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self> {
        let file = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let name = SourceName::new(stem.to_ascii_lowercase())
            .map_err(|e| Error::invalid(Location::file(path), e.to_string()))?;
        let text = crate::decode::decode_source(bytes, path)?.text;
        Ok(Source {
            name,
            file,
            text,
            sha256: sha256_hex(bytes),
            path: path.to_path_buf(),
        })
    }

    /// The source's lines, without line ends.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.lines()
    }
}
