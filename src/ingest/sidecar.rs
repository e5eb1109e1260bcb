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
//! `YYYY-MM` or `YYYY-MM-DD` are errors naming the line. The schema,
//! [`SourceMeta`], is [`crate::schema::sidecar`]'s, since `site.yaml`'s
//! `source_defaults:` takes the same keys and `config` comes before
//! ingest; this module reads and writes the sidecar files.
//!
//! ```
//! use jiedu::ingest::sidecar::SourceMeta;
//! let m = SourceMeta::parse("publication: 人民日报\ndate: 2019-10-22\n", "a.yaml".as_ref()).unwrap();
//! assert_eq!(m.publication.as_deref(), Some("人民日报"));
//! assert!(SourceMeta::parse("date: 2019-13-01\n", "a.yaml".as_ref()).is_err());
//! ```

use crate::error::{Error, Result};
pub use crate::schema::sidecar::SourceMeta;
use std::path::{Path, PathBuf};

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
