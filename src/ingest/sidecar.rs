//! What the editor knows about a source: its sidecar `<source>.yaml` and
//! the edition's `source_defaults:` in `site.yaml`.
//!
//! A page dump rarely says where it was printed: crawler texts carry
//! datelines without a year (`本报北京10月21日电`), so an analyst who
//! cites 《人民日报》2019年10月22日第2版 needs the editor to say so once,
//! next to the file:
//!
//! ```yaml
//! # content/sources/rmrb-2019-10-22-02.yaml
//! publication: 人民日报
//! date: 2019-10-22
//! page: 第2版
//! url: http://paper.people.com.cn/rmrb/html/2019-10/22/nw.D110000renmrb_20191022_1-02.htm
//! note: saved from the e-paper
//! ```
//!
//! Every key is optional; unknown keys and dates that are not `YYYY`,
//! `YYYY-MM` or `YYYY-MM-DD` are errors naming the line. This module is
//! beside decoding so that both ingest and the content loader can read
//! sidecars without either importing the other's later stages.
//!
//! ```
//! use jiedu::ingest::sidecar::SourceMeta;
//! let m = SourceMeta::parse("publication: 人民日报\ndate: 2019-10-22\n", "a.yaml".as_ref()).unwrap();
//! assert_eq!(m.publication.as_deref(), Some("人民日报"));
//! assert!(SourceMeta::parse("date: 2019-13-01\n", "a.yaml".as_ref()).is_err());
//! ```

use crate::content::frontmatter::yaml_error;
use crate::content::PartialDate;
use crate::error::{Error, Location, Result};
use serde::{Deserialize, Deserializer, Serialize};
use std::path::{Path, PathBuf};

/// Where a source was printed, as the editor states it. All optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    /// The newspaper, e.g. `人民日报`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<String>,
    /// The edition date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(
        default,
        deserialize_with = "checked_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<String>,
    /// The page (版次) as printed, e.g. `第2版` or `要闻`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The page's original URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A note for editors; not copied into articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Deserialises a date, refusing anything `PartialDate` does not parse,
/// so the error carries the value's position in the YAML.
fn checked_date<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    let raw = Option::<yaml_serde::Value>::deserialize(d)?;
    let text = match raw {
        None | Some(yaml_serde::Value::Null) => return Ok(None),
        Some(yaml_serde::Value::String(s)) => s,
        Some(yaml_serde::Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(serde::de::Error::custom(format!(
                "date must be text like 2019-10-22, not {other:?}"
            )))
        }
    };
    // The `…` is not a valid … form lets the error point at the value.
    PartialDate::parse(&text)
        .map(|p| Some(p.to_string()))
        .map_err(|_| {
            serde::de::Error::custom(format!(
                "`{text}` is not a valid date: write YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        })
}

impl SourceMeta {
    /// Parses a sidecar's YAML; errors name `path`, line and column.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Ok(SourceMeta::default());
        }
        yaml_serde::from_str(text).map_err(|e| {
            yaml_error(path, text, 0, &e).with_hint(
                "a source sidecar takes only publication, date (YYYY[-MM[-DD]]), page, url, note",
            )
        })
    }

    /// True when no key is set.
    pub fn is_empty(&self) -> bool {
        *self == SourceMeta::default()
    }

    /// `self` with every key `over` sets replaced by `over`'s value.
    pub fn overlaid(&self, over: &SourceMeta) -> SourceMeta {
        let pick = |a: &Option<String>, b: &Option<String>| b.clone().or_else(|| a.clone());
        SourceMeta {
            publication: pick(&self.publication, &over.publication),
            date: pick(&self.date, &over.date),
            page: pick(&self.page, &over.page),
            url: pick(&self.url, &over.url),
            note: pick(&self.note, &over.note),
        }
    }

    /// The YAML written for this sidecar.
    pub fn to_yaml(&self) -> Result<String> {
        yaml_serde::to_string(self).map_err(|e| {
            Error::invalid(
                Location::file("<sidecar>"),
                format!("cannot write sidecar: {e}"),
            )
        })
    }
}

/// The sidecar path of a source: `a.html` → `a.yaml` beside it.
pub fn path_of(source: &Path) -> PathBuf {
    source.with_extension("yaml")
}

/// Reads the sidecar of `source`, if there is one.
pub fn read(source: &Path) -> Result<Option<SourceMeta>> {
    let path = path_of(source);
    match std::fs::read_to_string(&path) {
        Ok(text) => SourceMeta::parse(&text, &path).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Writes `meta` as the sidecar of `source` (to a temporary name, then
/// renamed, so a crash never leaves half a file).
pub fn write(source: &Path, meta: &SourceMeta) -> Result<PathBuf> {
    let path = path_of(source);
    let tmp = path.with_extension("yaml.tmp");
    std::fs::write(&tmp, meta.to_yaml()?).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_keys_and_partial_dates() {
        let m = SourceMeta::parse(
            "publication: 人民日报\ndate: 2019-10\npage: 第2版\nurl: http://x/\nnote: n\n",
            Path::new("s.yaml"),
        )
        .unwrap();
        assert_eq!(m.date.as_deref(), Some("2019-10"));
        assert_eq!(m.page.as_deref(), Some("第2版"));
        let year = SourceMeta::parse("date: 2019\n", Path::new("s.yaml")).unwrap();
        assert_eq!(year.date.as_deref(), Some("2019"));
    }

    #[test]
    fn unknown_keys_and_bad_dates_name_the_line() {
        let e = SourceMeta::parse("publication: x\npaper: y\n", Path::new("s.yaml")).unwrap_err();
        assert!(e.to_string().starts_with("s.yaml:2:"), "{e}");
        assert!(e.to_string().contains("paper"), "{e}");
        let e = SourceMeta::parse("page: 2\ndate: 2019-02-30\n", Path::new("s.yaml")).unwrap_err();
        assert!(e.to_string().starts_with("s.yaml:2:"), "{e}");
        assert!(e.to_string().contains("not a valid date"), "{e}");
    }

    #[test]
    fn overlay_keeps_what_the_top_leaves_out() {
        let base = SourceMeta {
            publication: Some("人民日报".into()),
            page: Some("要闻".into()),
            ..SourceMeta::default()
        };
        let top = SourceMeta {
            page: Some("第2版".into()),
            ..SourceMeta::default()
        };
        let m = base.overlaid(&top);
        assert_eq!(m.publication.as_deref(), Some("人民日报"));
        assert_eq!(m.page.as_deref(), Some("第2版"));
    }
}
