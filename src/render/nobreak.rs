//! Runs of Chinese text a line must not break inside (issue 18).
//!
//! A browser may break a line between any two Han characters and between
//! a digit and a Han character, so 「2025年2月/13日」, 「2023年12/月27日」
//! and 「1—11月/份」 are all legal breaks, and all read badly: a date, a
//! number with its unit or a range is one thing to the reader. This module
//! finds such runs in plain text so the renderer can wrap each in
//! `<span class="nb">` (which the stylesheet keeps on one line). It also
//! knows a few fixed phrases that read as one word (答记者问).
//!
//! The scan is one pass over the characters with no allocation for text
//! without digits, so it costs next to nothing on a build. Runs are capped
//! at [`MAX_CHARS`] characters: a longer unbreakable run could overflow a
//! phone's line, which is worse than a break.

use super::highlight::escape_html;
use std::ops::Range;

/// The longest run kept whole, in characters.
pub const MAX_CHARS: usize = 14;

/// Units and counters that belong to the number before them, longest
/// first where one is a prefix of another.
const UNITS: &[&str] = &[
    "平方公里",
    "立方米",
    "万千瓦",
    "亿元",
    "万元",
    "万人",
    "人次",
    "月份",
    "公里",
    "千米",
    "年",
    "月",
    "日",
    "号",
    "时",
    "分",
    "秒",
    "个",
    "家",
    "项",
    "篇",
    "次",
    "人",
    "名",
    "元",
    "万",
    "亿",
    "千",
    "百",
    "岁",
    "倍",
    "条",
    "件",
    "户",
    "所",
    "座",
    "台",
    "辆",
    "吨",
    "米",
    "亩",
    "天",
    "周",
    "期",
    "届",
    "版",
    "位",
    "批",
    "类",
    "种",
    "场",
    "起",
    "轮",
    "组",
    "余",
    "多",
    "成",
    "册",
    "部",
    "处",
    "套",
    "间",
    "层",
    "点",
    "度",
    "%",
    "％",
    "‰",
];

/// Joins between two numbers of a range (1—11月).
const JOINS: &[char] = &['—', '–', '-', '~', '～', '至'];

/// Fixed phrases kept whole.
const PHRASES: &[&str] = &["答记者问", "新闻发布会", "发布会"];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The byte ranges of `text` to keep on one line, in order, not
/// overlapping.
pub fn runs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some(p) = PHRASES.iter().find(|p| rest.starts_with(**p)) {
            out.push(i..i + p.len());
            i += p.len();
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        let after_number = i > 0 && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.');
        if is_digit(c) && !after_number {
            let (end, worth) = number_run(text, i);
            let start = if text[..i].ends_with('第') {
                i - '第'.len_utf8()
            } else {
                i
            };
            if worth && text[start..end].chars().count() <= MAX_CHARS {
                out.push(start..end);
            }
            i = end.max(i + c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
    out
}

/// From a digit at `i`: where the run of numbers, units and joins ends,
/// and whether it holds more than a bare number (a bare number never
/// breaks inside anyway).
fn number_run(text: &str, mut i: usize) -> (usize, bool) {
    let mut worth = false;
    loop {
        i = skip_number(text, i);
        let rest = &text[i..];
        let unit = UNITS.iter().find(|u| rest.starts_with(**u));
        if let Some(u) = unit {
            i += u.len();
            worth = true;
        }
        let rest = &text[i..];
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(j), Some(d)) if JOINS.contains(&j) && is_digit(d) => {
                i += j.len_utf8();
                worth = true;
            }
            (Some(d), _) if unit.is_some() && is_digit(d) => {}
            _ => return (i, worth),
        }
    }
}

/// Past the digits (and one decimal point or thousands comma between
/// digits) starting at `i`.
fn skip_number(text: &str, mut i: usize) -> usize {
    let mut chars = text[i..].chars().peekable();
    while let Some(c) = chars.next() {
        if is_digit(c) {
            i += c.len_utf8();
        } else if (c == '.' || c == ',') && chars.peek().is_some_and(|d| is_digit(*d)) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// `text` escaped for HTML, with each run wrapped in `<span class="nb">`.
pub fn escape_wrapped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut pos = 0;
    for r in runs(text) {
        out.push_str(&escape_html(&text[pos..r.start]));
        out.push_str("<span class=\"nb\">");
        out.push_str(&escape_html(&text[r.clone()]));
        out.push_str("</span>");
        pos = r.end;
    }
    out.push_str(&escape_html(&text[pos..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<&str> {
        runs(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn dates_numbers_with_units_and_ranges_are_kept_whole() {
        assert_eq!(kept("2025年2月13日，重庆"), ["2025年2月13日"]);
        assert_eq!(kept("于2023年12月27日召开"), ["2023年12月27日"]);
        assert_eq!(kept("今年国企在1—11月份"), ["1—11月份"]);
        assert_eq!(kept("增长3.5%，达650家"), ["3.5%", "650家"]);
        assert_eq!(kept("见第2版"), ["第2版"]);
        assert_eq!(kept("投资1,200亿元"), ["1,200亿元"]);
    }

    #[test]
    fn bare_numbers_and_text_without_digits_are_left_alone() {
        assert!(kept("第七场 2025").is_empty());
        assert!(kept("没有数字的句子").is_empty());
    }

    #[test]
    fn fixed_phrases_are_kept_whole() {
        assert_eq!(kept("负责人答记者问"), ["答记者问"]);
    }

    #[test]
    fn overlong_runs_may_break() {
        let long = "1年2月3日4时5分6秒7个8家";
        assert!(kept(long).is_empty());
    }

    #[test]
    fn wrapping_escapes_the_text() {
        assert_eq!(
            escape_wrapped("<b>2月13日"),
            "&lt;b&gt;<span class=\"nb\">2月13日</span>"
        );
    }
}
