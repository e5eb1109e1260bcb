//! Describing a draft: title, kind, authors, date, warnings → front-matter.
//!
//! Everything here is read off the draft's own text. A date is only as
//! precise as the page makes it: `12月27日` with no year stated near it
//! stays out of `date` and goes into `date_note` with a warning, because a
//! guessed year is worse than none. Titles the page does not give (a
//! report without headline, a fragment, a continuation, a brief) are made
//! from the first clause and marked so in the warnings.

use super::clean::fullwidth;
use super::signals::{self as sig};
use super::split::{Draft, DraftShape, ParaRole};
use crate::schema::{ArticleKind, ArticleMeta, PartialDate, SourceRef};
use crate::text::sentence_around;
use regex::Regex;
use std::sync::LazyLock;

/// Where the draft came from: the source file's name and hash.
#[derive(Debug, Clone, Copy)]
pub struct SourceOrigin<'a> {
    /// File name under `content/sources/`.
    pub file: &'a str,
    /// sha256 of the file's bytes.
    pub sha256: &'a str,
}

/// The front-matter ingest writes for `d` (without the ingest stamp).
pub fn describe(d: &Draft, origin: SourceOrigin<'_>) -> ArticleMeta {
    let kind = kind(d);
    let (first_line, last_line) = d.range();
    let mut warnings = d.warnings.clone();
    let title = title(d, kind, &mut warnings);
    let dated = date(d);
    warnings.extend(dated.warning);
    let authors = authors(d);
    warnings.extend(byline_warning(d, kind, &authors));
    let show = |f: &Option<super::split::Field>| f.as_ref().map(|f| fullwidth(&f.text));
    ArticleMeta {
        title,
        subtitle: show(&d.subtitle),
        column: show(&d.column),
        bundle: show(&d.bundle),
        kicker: show(&d.kicker),
        kind: Some(kind),
        authors,
        byline: d.byline.as_ref().map(|f| f.text.clone()),
        date: dated.date,
        date_note: dated.note,
        dateline: d.dateline.as_ref().map(|f| f.text.clone()),
        source: Some(SourceRef {
            file: origin.file.to_string(),
            first_line,
            last_line,
            sha256: origin.sha256.to_string(),
            ..SourceRef::default()
        }),
        warnings,
        ..ArticleMeta::default()
    }
}

/// A reported piece with neither byline nor dateline nor any author: the
/// editor should look for the credit (it may sit elsewhere on the page).
fn byline_warning(d: &Draft, kind: ArticleKind, authors: &[String]) -> Option<String> {
    let reported = matches!(
        kind,
        ArticleKind::News
            | ArticleKind::Interview
            | ArticleKind::Roundtable
            | ArticleKind::PressConference
            | ArticleKind::Commentary
    );
    let credited = d.byline.is_some() || d.dateline.is_some() || !authors.is_empty();
    (reported && d.shape == DraftShape::Titled && !credited).then(|| {
        "byline: none found on the page: add `authors` if the page credits someone".to_string()
    })
}

/// The kind, from the shape and the text's own signals.
pub fn kind(d: &Draft) -> ArticleKind {
    match d.shape {
        DraftShape::Brief => return ArticleKind::Brief,
        DraftShape::Caption => return ArticleKind::Caption,
        DraftShape::Fragment => return ArticleKind::Fragment,
        _ if d.photo => return ArticleKind::Caption,
        _ => {}
    }
    let column = d.column.as_ref().map_or("", |c| c.text.as_str());
    let text = |p: &&super::split::Para| p.role == ParaRole::Text;
    let qa = d
        .paras
        .iter()
        .filter(text)
        .filter(|p| is_qa(&p.text))
        .count();
    let labels: Vec<&str> = d
        .paras
        .iter()
        .filter(|p| p.role == ParaRole::Label)
        .map(|p| p.text.as_str())
        .collect();
    let opening = d
        .paras
        .iter()
        .filter(text)
        .take(3)
        .any(|p| p.text.contains("新闻发布会"));
    let byline = d.byline.as_ref().map_or("", |b| b.text.as_str());
    let report = d
        .paras
        .iter()
        .filter(|p| p.role == ParaRole::Heading(2) && sig::ordinal(&p.text).is_some())
        .count()
        >= 2
        || d.paras.iter().any(|p| p.role == ParaRole::Sign);
    if qa >= 2 {
        ArticleKind::Interview
    } else if column.contains("圆桌") || (labels.contains(&"嘉宾") && labels.contains(&"主持人"))
    {
        ArticleKind::Roundtable
    } else if opening {
        ArticleKind::PressConference
    } else if column.contains("评论") || column.contains("时评") || byline.contains("评论员")
    {
        ArticleKind::Commentary
    } else if d.shape == DraftShape::Untitled && report {
        ArticleKind::Report
    } else if d.shape == DraftShape::Untitled {
        ArticleKind::Fragment
    } else {
        ArticleKind::News
    }
}

fn is_qa(text: &str) -> bool {
    let t = text.trim_start_matches('*');
    t.starts_with("问：") || t.starts_with("问:") || t.starts_with("答：") || t.starts_with("答:")
}

/// The headline, or one made from the first clause when the page has none.
fn title(d: &Draft, kind: ArticleKind, warnings: &mut Vec<String>) -> String {
    if let Some(t) = &d.title {
        return fullwidth(&t.text);
    }
    let first = d
        .paras
        .iter()
        .find(|p| p.role != ParaRole::Marker)
        .map_or("", |p| p.text.as_str());
    let first = fullwidth(first.trim_start_matches('#').trim());
    match (d.shape, kind) {
        (DraftShape::Brief, _) => {
            warnings.push("title made from the brief's first clause: check it".into());
            brief_title(&first)
        }
        (DraftShape::Caption, _) => {
            warnings.push("title is the caption itself: check it".into());
            clause(&first, 30, false)
        }
        (DraftShape::Continuation, _) => {
            let marker = d
                .paras
                .iter()
                .find(|p| p.role == ParaRole::Marker)
                .map_or(String::new(), |p| fullwidth(&p.text));
            warnings.push(format!(
                "continuation {marker}: its headline is on another page; title made from the first clause: give the real one"
            ));
            format!("{marker}{}", clause(&first, 20, true))
        }
        (_, ArticleKind::Fragment) => {
            warnings.push("fragment: no headline; title made from its first clause".into());
            format!("（残篇）{}", clause(&first, 20, true))
        }
        _ => {
            warnings.push("no headline on the page: give this article a title".into());
            format!("（无标题）{}", clause(&first, 20, true))
        }
    }
}

/// The text up to its first clause mark, at most `max` characters; `…`
/// added when cut, or always with `ellipsis`.
fn clause(text: &str, max: usize, ellipsis: bool) -> String {
    // Stop at the first clause mark after six characters or more, so a
    // two-character opening (`比如，`) does not make the whole title.
    let mut n = 0;
    let head: String = text
        .chars()
        .take_while(|c| {
            n += 1;
            n <= 6 || !"，。？！；：、,?!;:".contains(*c)
        })
        .collect();
    let head = head
        .trim_end_matches(|c| "，。？！；：、,?!;:".contains(c))
        .to_string();
    let cut = sig::chars(&head) > max;
    let head: String = head.chars().take(max).collect();
    let head = sig::trim(&head).to_string();
    if head.is_empty() {
        let any: String = text.chars().take(max).collect();
        return format!("{any}…");
    }
    if cut || ellipsis {
        format!("{head}…")
    } else {
        head
    }
}

/// A brief's first clause without its leading date: `12月6日，重庆市第一届
/// 青少年三大球运动会在綦江区体育馆开幕，…` → `重庆市第一届青少年三大球运动会在綦江区体育馆开幕`.
fn brief_title(text: &str) -> String {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日[，,\s]*").expect("valid regex")
    });
    let rest = DATE.find(text).map_or(text, |m| &text[m.end()..]);
    clause(rest, 30, false)
}

/// Names only, from the byline, else from the credit in the dateline's
/// brackets (`新华社北京8月11日专电（记者李萌）`), else a roundtable's host
/// line. Agencies and papers are never authors (see [`super::byline`]).
pub fn authors(d: &Draft) -> Vec<String> {
    if let Some(b) = &d.byline {
        return names(&b.text);
    }
    if let Some(dl) = &d.dateline {
        if let Some(at) = dl.text.find(['（', '(']) {
            let credited = names(&dl.text[at..]);
            if !credited.is_empty() {
                return credited;
            }
        }
    }
    let host = d
        .paras
        .iter()
        .skip_while(|p| !(p.role == ParaRole::Label && p.text == "主持人"))
        .nth(1);
    host.filter(|p| p.role == ParaRole::Item)
        .map_or_else(Vec::new, |p| names(&p.text))
}

/// The people a byline credits, names normalised (see [`super::byline`]).
pub fn names(byline: &str) -> Vec<String> {
    super::byline::people(byline)
}

/// A date with its note, or the warning that explains its absence.
struct Dated {
    date: Option<PartialDate>,
    note: Option<String>,
    warning: Option<String>,
}

/// The date the page gives for this article (see module docs).
fn date(d: &Draft) -> Dated {
    static FULL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日").expect("valid regex"));
    static MONTH_DAY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d{1,2})月(\d{1,2})日").expect("valid regex"));
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)年").expect("valid regex"));
    let none = |warning: String| Dated {
        date: None,
        note: None,
        warning: Some(warning),
    };
    if let Some(sub) = &d.subtitle {
        let stated = super::headline::date_subtitle(&sub.text);
        if let Some(date) = stated.as_ref().and_then(|(y, m, dd)| ymd(y, m, dd)) {
            return Dated {
                date: Some(date),
                note: Some(format!(
                    "the document's date, printed under its title: {}",
                    sub.text
                )),
                warning: None,
            };
        }
    }
    if let Some(b) = &d.byline {
        let stamp = super::headline::edition_date(&b.text);
        if let Some(date) = stamp.as_ref().and_then(|(y, m, dd)| ymd(y, m, dd)) {
            return Dated {
                date: Some(date),
                note: Some(format!(
                    "the edition's date, stamped under the headline: {}",
                    b.text
                )),
                warning: None,
            };
        }
    }
    if let Some(sign) = d
        .paras
        .iter()
        .rev()
        .find(|p| p.role == ParaRole::Sign && sig::is_date_line(&p.text))
    {
        if let Some(date) = FULL
            .captures(&sign.text)
            .and_then(|c| ymd(&c[1], &c[2], &c[3]))
        {
            let line = sign.lines.first().copied().unwrap_or(0);
            let note = format!("stated under the signature: {} (line {line})", sign.text);
            return Dated {
                date: Some(date),
                note: Some(note),
                warning: None,
            };
        }
    }
    let mut places: Vec<(String, usize)> = Vec::new();
    if let Some(dl) = &d.dateline {
        places.push((dl.text.clone(), d.head_lines.last().copied().unwrap_or(0)));
    }
    let texts = d.paras.iter().filter(|p| p.role == ParaRole::Text).take(2);
    places.extend(texts.map(|p| (p.text.clone(), p.lines.first().copied().unwrap_or(0))));
    for (text, line) in &places {
        let Some(m) = MONTH_DAY.captures(text) else {
            continue;
        };
        let whole = m.get(0).map_or(0..0, |m| m.range());
        let md = &text[whole.clone()];
        let sentence = sentence_around(text, whole.start);
        let years: Vec<&str> = {
            let mut y: Vec<&str> = YEAR
                .captures_iter(sentence)
                .filter_map(|c| c.get(1))
                .map(|m| m.as_str())
                .collect();
            y.dedup();
            y
        };
        let stated = FULL
            .captures(sentence)
            .filter(|c| c.get(0).is_some_and(|f| f.as_str().ends_with(md)));
        if let Some(c) = stated {
            if let Some(date) = ymd(&c[1], &c[2], &c[3]) {
                let note = format!("stated in the text: {} (line {line})", &c[0]);
                return Dated {
                    date: Some(date),
                    note: Some(note),
                    warning: None,
                };
            }
        }
        let note = match years.as_slice() {
            [y] => match ymd(y, &m[1], &m[2]) {
                Some(date) => {
                    let note = format!(
                        "{md} (line {line}); year {y} from the same sentence, which names no other year"
                    );
                    return Dated {
                        date: Some(date),
                        note: Some(note),
                        warning: Some(format!(
                            "date: year {y} inferred from the sentence giving {md}: check it"
                        )),
                    };
                }
                None => format!("the page gives {md} (line {line}), not a valid date"),
            },
            _ => format!("the page gives {md} (line {line}) but no year for it"),
        };
        return Dated {
            date: None,
            note: Some(note),
            warning: Some(format!(
                "date: the page gives {md} but no year: set `date` by hand if you know it"
            )),
        };
    }
    none("date: the page gives no date for this text".to_string())
}

/// The day `y`-`m`-`d` from a page's digits, if it is a real date.
pub(super) fn ymd(y: &str, m: &str, d: &str) -> Option<PartialDate> {
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    PartialDate::parse(&format!("{y}-{m:02}-{d:02}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_every_byline_form() {
        assert_eq!(names("□本报首席记者 周尤"), ["周尤"]);
        assert_eq!(names("■新重庆-重庆日报记者 张珺 周尤"), ["张珺", "周尤"]);
        assert_eq!(names("本报讯(记者 黄光红)"), ["黄光红"]);
        assert_eq!(
            names("(本报记者 杨骏 夏元 余振芳 黄光红采写)"),
            ["杨骏", "夏元", "余振芳", "黄光红"]
        );
        assert_eq!(names("记者 罗斌 摄/视觉重庆"), ["罗斌"]);
        assert_eq!(names("摄/李昱彦"), ["李昱彦"]);
        assert_eq!(names("(记者 金鑫)"), ["金鑫"]);
        assert_eq!(names("杨晨"), ["杨晨"]);
        assert_eq!(names("新重庆·重庆日报首席记者 周尤"), ["周尤"]);
    }

    #[test]
    fn titles_from_first_clauses() {
        assert_eq!(
            brief_title("12月6日，重庆市第一届青少年三大球运动会在綦江区体育馆开幕，副市长"),
            "重庆市第一届青少年三大球运动会在綦江区体育馆开幕"
        );
        assert_eq!(
            clause("如何做做大做强村集体经济？今年5月", 20, true),
            "如何做做大做强村集体经济…"
        );
    }

    #[test]
    fn sentence_bounds() {
        let t = "12月26日，市委经济工作会议召开。大家认为，2024年是关键之年。";
        assert_eq!(sentence_around(t, 0), "12月26日，市委经济工作会议召开");
    }
}
