//! Where a source was printed, and each article's date, with where every
//! value came from.
//!
//! Four places can say where a page was printed: the editor's sidecar
//! (`<source>.yaml`, also written by `jiedu ingest --date …`), the page
//! itself (Markdown front-matter, an HTML page's `<meta>` tags), and the
//! edition's `source_defaults:` in `site.yaml`. For each of publication,
//! date, page and URL the first that gives it wins, in that order: the
//! editor's word over the page's, the page's over a default for the
//! whole edition. The value and its origin go to the report; the value
//! goes into each article's `source:`.
//!
//! An article's own date is found on the page when it can be: by the
//! text pipeline (a dateline with its year), or here, when the page
//! states a date in full on a line of its own or in brackets
//! (`（2019年1月31日）`, `2010年09月10日09:14`, `发布日期：2019-03-06`).
//! Only when the page gives none is the edition date used, and
//! `date_note` says so.

use super::ingested::Ingested;
use super::meta::ymd;
use crate::ingest::sidecar::SourceMeta;
use crate::schema::PartialDate;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sourced {
    /// The value.
    pub value: String,
    /// Where it came from: `sidecar`, `site.yaml source_defaults`,
    /// `front-matter source_url`, `<meta publishdate>`…
    pub from: String,
}

/// Where a source was printed, each value with its origin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Printed {
    /// The publication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publication: Option<Sourced>,
    /// The edition date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Sourced>,
    /// The page (版次).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<Sourced>,
    /// The original URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Sourced>,
}

/// What the page itself says about where it was printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFacts {
    /// Publication, with origin.
    pub publication: Option<Sourced>,
    /// Edition date (`YYYY[-MM[-DD]]`), with origin.
    pub date: Option<Sourced>,
    /// Page, with origin.
    pub page: Option<Sourced>,
    /// URL, with origin.
    pub url: Option<Sourced>,
}

/// What the editor said: the source's sidecar and the edition's defaults.
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// The sidecar `<source>.yaml`, if any.
    pub sidecar: Option<SourceMeta>,
    /// `site.yaml`'s `source_defaults:`, if any.
    pub defaults: Option<SourceMeta>,
}

/// Resolves each value: sidecar, then the page, then the defaults.
pub fn resolve(given: &Given, page: &PageFacts) -> Printed {
    let from_meta =
        |m: &Option<SourceMeta>, f: fn(&SourceMeta) -> &Option<String>, origin: &str| {
            m.as_ref().and_then(|m| f(m).clone()).map(|value| Sourced {
                value,
                from: origin.to_string(),
            })
        };
    let pick = |f: fn(&SourceMeta) -> &Option<String>, own: &Option<Sourced>| {
        from_meta(&given.sidecar, f, "sidecar")
            .or_else(|| own.clone())
            .or_else(|| from_meta(&given.defaults, f, "site.yaml source_defaults"))
    };
    Printed {
        publication: pick(|m| &m.publication, &page.publication),
        date: pick(|m| &m.date, &page.date),
        page: pick(|m| &m.page, &page.page),
        url: pick(|m| &m.url, &page.url),
    }
}

/// Writes `printed` into each article's `source:` and dates the articles
/// the page leaves undated. `text` is the text the articles' `lines`
/// index (1-based); `orig` maps those lines to the file's.
pub fn apply(
    articles: &mut [Ingested],
    printed: &Printed,
    text: &str,
    orig: &dyn Fn(usize) -> usize,
) {
    let lines: Vec<&str> = text.lines().collect();
    let edition = printed
        .date
        .as_ref()
        .and_then(|d| PartialDate::parse(&d.value).ok().map(|p| (p, d)));
    for a in articles.iter_mut() {
        if let Some(s) = a.meta.source.as_mut() {
            let v = |x: &Option<Sourced>| x.as_ref().map(|s| s.value.clone());
            s.publication = v(&printed.publication);
            s.date = v(&printed.date);
            s.page = v(&printed.page);
            s.url = v(&printed.url);
        }
        // A date the page labels as its own (发布日期：…, 《人民日报》（…）)
        // outranks a date read from a sentence, which may be an event's.
        let found = a
            .lines
            .iter()
            .find_map(|&n| stated_date(lines.get(n.wrapping_sub(1))?).map(|d| (n, d)));
        let labelled = found
            .as_ref()
            .is_some_and(|(_, (_, shown))| is_labelled(shown));
        let from_sentence = a
            .meta
            .date_note
            .as_deref()
            .is_none_or(|n| !n.starts_with("stated under"));
        if a.meta.date.is_some() && !(labelled && from_sentence) && !event_date(a, &edition) {
            continue;
        }
        if let Some((n, (date, shown))) = found {
            a.meta.date = Some(date);
            a.meta.date_note = Some(format!("stated on the page: {shown} (line {})", orig(n)));
            a.meta.warnings.retain(|w| !w.starts_with("date:"));
        } else if let Some((date, from)) = &edition {
            let before = a.meta.date_note.take();
            let page_said = before
                .map(|b| format!("; the page: {b}"))
                .unwrap_or_default();
            a.meta.date = Some(*date);
            a.meta.date_note = Some(format!(
                "edition date {} from the {}{page_said}",
                from.value, from.from
            ));
            a.meta.warnings.retain(|w| !w.starts_with("date:"));
        }
    }
}

/// Is the article's date one its text states in a sentence (an event's
/// date: `决定于2021年7月15日下调`, `封关至2026年5月31日`) while the page or
/// the editor gives the day it was printed or broadcast, a different one?
/// Then the edition's day is the article's date and the sentence's stays
/// in the note.
fn event_date(a: &Ingested, edition: &Option<(PartialDate, &Sourced)>) -> bool {
    let Some((day, _)) = edition else {
        return false;
    };
    let in_sentence = a.meta.date_note.as_deref().is_some_and(|n| {
        n.starts_with("stated in the text") || n.contains("from the same sentence")
    });
    in_sentence && a.meta.date.is_some_and(|d| d != *day)
}

/// Is this stated date labelled as the page's own date?
fn is_labelled(shown: &str) -> bool {
    ["日期", "时间", "《"].iter().any(|l| shown.contains(l))
}

/// A date the line states in full, as a date and the text showing it:
/// in brackets (`（2019年1月31日）`, `（2019年10月22日 02 版）`) or as a
/// line that is a date, perhaps with a label and time
/// (`2010年09月10日09:14 来源：人民网`, `发布日期：2019-03-06`).
pub fn stated_date(line: &str) -> Option<(PartialDate, String)> {
    static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[（(]\s*(?:《[^》]{1,12}》\s*)?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^（）()]{0,20}[）)]")
            .expect("valid regex")
    });
    static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?:发布|更新|出版|刊发)?(?:日期|时间)\s*[：:]\s*)?(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:$|[\s　]|来源|作者|责任编辑|星期|周)",
        )
        .expect("valid regex")
    });
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '　');
    if let Some(date) = day_title(t) {
        // A short title that ends in its date: `新闻联播 2026-06-10`.
        return Some((date, t.trim_start_matches(['#', ' ']).to_string()));
    }
    if let Some(c) = BRACKETED.captures(t) {
        let date = ymd(&c[1], &c[2], &c[3])?;
        return Some((date, c[0].to_string()));
    }
    if t.chars().count() > 80 || t.contains('。') {
        return None;
    }
    let c = DATE_LINE.captures(t)?;
    let (m, d) = match (c.get(2), c.get(3)) {
        (Some(m), Some(d)) => (m.as_str(), d.as_str()),
        _ => (c.get(4)?.as_str(), c.get(5)?.as_str()),
    };
    let date = ymd(&c[1], m, d)?;
    let shown = c[0].trim_end().to_string();
    Some((date, shown))
}

/// The day a short title names at its end, as a programme's or an
/// edition's page is titled: `新闻联播 2026-06-10`,
/// `新闻联播完整文字稿 · 2026年6月18日` (a name, a space, a full date).
/// A headline that merely mentions a date does not end in one.
pub fn day_title(line: &str) -> Option<PartialDate> {
    static TITLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^#*\s*\S.{0,24}?\s(?:(\d{4})-(\d{2})-(\d{2})|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)$",
        )
        .expect("valid regex")
    });
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '　');
    let c = TITLED.captures(t)?;
    let part = |a: usize, b: usize| c.get(a).or_else(|| c.get(b)).map(|m| m.as_str());
    ymd(part(1, 4)?, part(2, 5)?, part(3, 6)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates_the_page_states() {
        let d = |s: &str| stated_date(s).map(|(d, _)| d.to_string());
        assert_eq!(d("（2019年1月31日）").as_deref(), Some("2019-01-31"));
        assert_eq!(
            d("《人民日报》（2019年10月22日 02 版）").as_deref(),
            Some("2019-10-22")
        );
        assert_eq!(
            d("2010年09月10日09:14  来源：人民网").as_deref(),
            Some("2010-09-10")
        );
        assert_eq!(
            d("发布日期：2019-03-06 责任编辑：龙慧").as_deref(),
            Some("2019-03-06")
        );
        assert_eq!(d("2024年11月13日").as_deref(), Some("2024-11-13"));
        assert_eq!(d("# 新闻联播 2026-06-10").as_deref(), Some("2026-06-10"));
        assert_eq!(
            d("新闻联播完整文字稿 · 2026年6月18日").as_deref(),
            Some("2026-06-18")
        );
        // A headline that mentions a year is not a day's title.
        assert_eq!(day_title("2025年全国“打假治敲”专项行动启动"), None);
        // A date inside a sentence is an event's date, not the page's.
        assert_eq!(d("2019年2月27日下午，调研组到众创金融街开展调研。"), None);
        assert_eq!(d("2019年2月30日"), None);
    }

    #[test]
    fn an_event_date_in_a_sentence_gives_way_to_the_edition_date() {
        let mut meta = crate::content::ArticleMeta {
            title: "人民银行宣布降准".into(),
            date: PartialDate::parse("2021-07-15").ok(),
            date_note: Some("stated in the text: 2021年7月15日 (line 3)".into()),
            ..Default::default()
        };
        meta.source = Some(crate::content::article::SourceRef::default());
        let mut articles = vec![Ingested {
            meta,
            body: String::new(),
            lines: vec![3],
            counted: Vec::new(),
        }];
        let printed = Printed {
            date: Some(Sourced {
                value: "2021-07-09".into(),
                from: "page's <h1>".into(),
            }),
            ..Printed::default()
        };
        let text = "# 人民银行宣布降准\n\n决定于2021年7月15日下调存款准备金率。\n";
        apply(&mut articles, &printed, text, &|n| n);
        let m = &articles[0].meta;
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2021-07-09"));
        assert!(
            m.date_note.as_deref().unwrap().contains("2021年7月15日"),
            "{:?}",
            m.date_note
        );
    }

    #[test]
    fn sidecar_beats_page_beats_defaults() {
        let sidecar = SourceMeta {
            page: Some("第2版".into()),
            ..SourceMeta::default()
        };
        let defaults = SourceMeta {
            publication: Some("人民日报".into()),
            page: Some("要闻".into()),
            date: Some("2019".into()),
            ..SourceMeta::default()
        };
        let page = PageFacts {
            date: Some(Sourced {
                value: "2019-10-22".into(),
                from: "<meta publishdate>".into(),
            }),
            ..PageFacts::default()
        };
        let p = resolve(
            &Given {
                sidecar: Some(sidecar),
                defaults: Some(defaults),
            },
            &page,
        );
        assert_eq!(p.page.unwrap().from, "sidecar");
        assert_eq!(p.date.unwrap().from, "<meta publishdate>");
        assert_eq!(p.publication.unwrap().from, "site.yaml source_defaults");
    }
}
