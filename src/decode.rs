//! Decoding raw page dumps: UTF-8 (with or without BOM) or GB18030/GBK.
//!
//! This stage comes before both `ingest` (which splits the decoded text
//! into articles) and `content` (which loads sources for the reader's
//! source view), so both read a source exactly alike and neither imports
//! the other.
//!
//! Page dumps come from Chinese sites that still serve GBK. Valid UTF-8 is
//! taken as it is; otherwise the bytes are tried as GB18030 (a superset of
//! GBK), and if that also yields replacement characters the file is
//! rejected with a clear error rather than guessed at. No byte sequence
//! makes this panic.

use crate::error::{Error, Location, Result};
use std::path::Path;

/// Which encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, `bom` telling whether a byte-order mark was removed.
    Utf8 {
        /// A byte-order mark was present and removed.
        bom: bool,
    },
    /// GB18030 (which includes GBK and GB2312).
    Gb18030,
    /// Another encoding an HTML page declared in `<meta charset>`.
    Declared(&'static encoding_rs::Encoding),
}

impl Encoding {
    /// Its name, for reports.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 { bom: false } => "UTF-8",
            Encoding::Utf8 { bom: true } => "UTF-8 (BOM)",
            Encoding::Gb18030 => "GB18030",
            Encoding::Declared(e) => e.name(),
        }
    }
}

/// The encoding an HTML page declares in its first 4 KB
/// (`<meta charset="gbk">` or `<meta http-equiv … content="…; charset=gb2312">`).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static META: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i)<meta[^>]{0,200}?charset\s*=\s*["']?([a-z0-9_:.-]{2,40})"#)
            .expect("valid regex")
    });
    let head = &bytes[..bytes.len().min(4096)];
    let label = META.captures(head)?.get(1)?.as_bytes();
    encoding_rs::Encoding::for_label(label)
}

/// Decodes a source of any shape: like [`decode`], except that bytes
/// which are not UTF-8 are read in the charset an HTML page declares when
/// it declares one that is not the GBK family. Valid UTF-8 always wins,
/// because browsers save pages as UTF-8 but keep the old `<meta charset>`.
pub fn decode_source(bytes: &[u8], path: &Path) -> Result<Decoded> {
    let declared = declared_charset(bytes).filter(|e| {
        *e != encoding_rs::UTF_8
            && *e != encoding_rs::GBK
            && *e != encoding_rs::GB18030
            && *e != encoding_rs::UTF_16LE
            && *e != encoding_rs::UTF_16BE
    });
    match declared {
        Some(enc) if std::str::from_utf8(bytes).is_err() => {
            let (text, _, had_errors) = enc.decode(bytes);
            if had_errors || text.contains('\0') {
                return Err(Error::invalid(
                    Location::file(path),
                    format!(
                        "the page declares charset {} but is not valid in it",
                        enc.name()
                    ),
                )
                .with_hint("save the page as UTF-8"));
            }
            Ok(Decoded {
                text: text.into_owned(),
                encoding: Encoding::Declared(enc),
            })
        }
        _ => decode(bytes, path),
    }
}

/// A decoded text and the encoding it came from.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without BOM.
    pub text: String,
    /// The encoding detected.
    pub encoding: Encoding,
}

/// Decodes `bytes`; `path` is only used in errors.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Decoded> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, path, true);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Some(at) = text.find('\0') {
            // NUL never occurs in text: this is binary data.
            return Err(Error::invalid(
                Location::of_offset(path, text, at),
                "binary data (a NUL byte), not text",
            )
            .with_hint("content/sources/ takes page dumps saved as text (UTF-8 or GB18030)"));
        }
        return Ok(Decoded {
            text: text.to_string(),
            encoding: Encoding::Utf8 { bom: false },
        });
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors || text.contains('\0') {
        let valid = std::str::from_utf8(bytes)
            .map_err(|e| e.valid_up_to())
            .unwrap_err();
        let loc = Location::of_offset(path, &String::from_utf8_lossy(&bytes[..valid]), valid);
        return Err(Error::invalid(
            loc,
            "not valid UTF-8, and not GB18030/GBK either (binary data?)",
        )
        .with_hint("save the file as UTF-8"));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: Encoding::Gb18030,
    })
}

fn utf8(bytes: &[u8], path: &Path, bom: bool) -> Result<Decoded> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: Encoding::Utf8 { bom },
        }),
        Err(e) => {
            let valid = e.valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            Err(Error::invalid(
                Location::of_offset(path, &before, valid),
                "invalid UTF-8 after a UTF-8 byte-order mark",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("\u{feff}中文".as_bytes(), Path::new("a")).unwrap();
        assert_eq!(d.text, "中文");
        assert_eq!(d.encoding, Encoding::Utf8 { bom: true });
    }

    #[test]
    fn gbk_is_decoded() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("清廉重庆");
        let d = decode(&bytes, Path::new("a")).unwrap();
        assert_eq!(d.text, "清廉重庆");
        assert_eq!(d.encoding, Encoding::Gb18030);
    }

    #[test]
    fn declared_charsets() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>清廉</body></html>";
        let (gbk, _, _) = encoding_rs::GB18030.encode(page);
        assert_eq!(declared_charset(&gbk), Some(encoding_rs::GBK));
        let d = decode_source(&gbk, Path::new("a.html")).unwrap();
        assert!(d.text.contains("清廉"));
        let (big5, _, _) = encoding_rs::BIG5.encode("<meta charset=big5><p>臺灣</p>");
        let d = decode_source(&big5, Path::new("b.html")).unwrap();
        assert_eq!(d.text, "<meta charset=big5><p>臺灣</p>");
        assert_eq!(d.encoding.name(), "Big5");
    }

    #[test]
    fn nul_bytes_are_binary() {
        let e = decode("中文\n\0x".as_bytes(), Path::new("n.txt")).unwrap_err();
        assert!(e.to_string().starts_with("n.txt:2:1: binary data"), "{e}");
    }

    #[test]
    fn garbage_is_a_clear_error() {
        let e = decode(&[0x61, 0x0a, 0xff, 0xff, 0x00, 0x80], Path::new("g.txt")).unwrap_err();
        assert!(
            e.to_string().starts_with("g.txt:2:1: not valid UTF-8"),
            "{e}"
        );
    }
}
