//! The source sidecar schema: where a source was printed, as the editor
//! states it in `<source>.yaml` beside it, or for every source in
//! `site.yaml`'s `source_defaults:`. Reading and writing the sidecar files
//! is `ingest::sidecar`'s; this is only the shape and its checks, shared
//! by `config` and `ingest`.

use super::date::PartialDate;
use super::frontmatter::yaml_error;
use crate::error::{Error, Location, Result};
use serde::{Deserialize, Deserializer, Serialize};
use std::path::Path;

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
