//! Signals of sentences and their breaks: where a line stops (open,
//! closed, on a comma), quotes left open, list ordinals, and text that
//! plainly continues a line broken mid-sentence.

use super::pattern::re;
use crate::text::{is_han, is_space};
use regex::Regex;
use std::sync::LazyLock;

/// Full-width or Chinese punctuation, which sits naturally next to Chinese
/// text (`，` `“` `》` `—` `…`).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(
            c,
            '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '●' | '◆' | '■' | '□'
        )
}

/// Chinese text or its punctuation: the context in which ASCII punctuation
/// should become full-width.
pub fn is_cjk_side(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// A line holding nothing visible.
pub fn is_blank(line: &str) -> bool {
    line.chars().all(is_space)
}

/// Trims whitespace and invisible characters from both ends.
pub fn trim(line: &str) -> &str {
    line.trim_matches(is_space)
}

/// Ends a sentence or a clause for good: `。！？；：` and their ASCII
/// forms, closing quotes and brackets after them, `……`.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '：' | ':' | '.' | '—'
    )
}

/// The line stops mid-sentence: its last visible character is a letter,
/// digit, Chinese character or a comma-like mark (`，` `、`). A dash
/// (`——`) or colon introducing what follows closes it. A line ending
/// with `”` or `）` counts as closed only if a closing mark precedes it.
pub fn ends_open(text: &str) -> bool {
    let t = trim(text);
    let mut rev = t
        .chars()
        .rev()
        .skip_while(|c| matches!(c, '”' | '’' | '）' | ')' | '」' | '』' | '》' | '】'));
    match rev.next() {
        None => false,
        Some(c) if is_closing(c) => false,
        Some(_) if t.ends_with(['”', '’', '）', ')', '」', '』', '》', '】']) => false,
        Some(_) => true,
    }
}

/// The line ends with a comma-like mark, so it certainly goes on.
pub fn ends_with_comma(text: &str) -> bool {
    trim(text).ends_with(['，', ',', '、'])
}

/// The line ends a sentence (`。！？…` possibly followed by a closing
/// quote or bracket), as opposed to a clause (`；`) or nothing.
pub fn ends_sentence(text: &str) -> bool {
    let t = trim(text);
    let last = t
        .chars()
        .rev()
        .find(|c| !matches!(c, '”' | '’' | '）' | ')' | '」' | '』' | '》'));
    matches!(last, Some('。' | '！' | '？' | '!' | '?' | '…'))
}

/// Quotes and brackets are balanced (`“…”`, `《…》`, `（…）`).
pub fn balanced(text: &str) -> bool {
    unclosed(text) == 0
}

/// How many quotes or brackets `text` opens without closing.
pub fn unclosed(text: &str) -> i32 {
    let mut open = 0;
    for c in text.chars() {
        match c {
            '“' | '《' | '（' | '(' | '【' | '「' => open += 1,
            '”' | '》' | '）' | ')' | '】' | '」' => open -= 1,
            _ => {}
        }
    }
    open
}

/// The ordinal a paragraph opens with and its family, e.g. `二是` →
/// (`是`, 2), `（三）` → (`（）`, 3), `4.` → (`.`, 4).
pub fn ordinal(text: &str) -> Option<(&'static str, u32)> {
    static ORD: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:(?P<shi>[一二三四五六七八九十]+)是|(?P<dun>[一二三四五六七八九十]+)、|[（(](?P<par>[一二三四五六七八九十]+)[)）]|(?P<num>\d{1,2})[.．、](?:\D|$))",
        )
    });
    let caps = ORD.captures(trim(text))?;
    let pick = |name: &str| caps.name(name).map(|m| m.as_str());
    if let Some(n) = pick("shi") {
        return han_number(n).map(|n| ("是", n));
    }
    if let Some(n) = pick("dun") {
        return han_number(n).map(|n| ("、", n));
    }
    if let Some(n) = pick("par") {
        return han_number(n).map(|n| ("（）", n));
    }
    pick("num").and_then(|n| n.parse().ok()).map(|n| (".", n))
}

/// `一` … `九十九` as a number.
pub fn han_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32)
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// The paragraph plainly continues a line broken mid-sentence: it opens
/// with punctuation, with `的`, or with one character and a mark
/// (`造，` `务、` `好”`), or two or three characters and a mark that cannot
/// start a clause (`生建设、`). Two characters and a comma are left out on
/// purpose: `今年，` `同时，` `对此，` start sentences all the time.
pub fn continues_plainly(text: &str) -> bool {
    static CONT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:[，、。；：？！”’）》」』,;:?!)]|的|[\p{Han}A-Za-z0-9][，、。；：？！”’）》,;:?!)]|[\p{Han}]{2,3}[、”’）》])",
        )
    });
    CONT.is_match(trim(text))
}

/// `next` closes a quote or book-title mark that `open` left open, near
/// its start: `…办就办` + `好”优良作风。`, `公布《农村产权流转交易` +
/// `规范化试点名单》`.
pub fn closes_quote_of(open: &str, next: &str) -> bool {
    let pairs = [('“', '”'), ('《', '》')];
    pairs.iter().any(|&(o, c)| {
        let opened =
            open.chars().filter(|&x| x == o).count() > open.chars().filter(|&x| x == c).count();
        let head: String = trim(next).chars().take(24).collect();
        opened
            && head
                .find(c)
                .is_some_and(|i| head.find(o).is_none_or(|j| j > i))
    })
}

/// `next` continues `open` beyond doubt (see [`continues_plainly`] and
/// [`closes_quote_of`]).
pub fn continues(open: &str, next: &str) -> bool {
    continues_plainly(next) || closes_quote_of(open, next)
}

/// A date standing alone on a line: `2024年11月13日`.
pub fn is_date_line(text: &str) -> bool {
    static DATE: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{4}年\d{1,2}月\d{1,2}日$"));
    DATE.is_match(trim(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_and_closed_lines() {
        assert!(ends_open("推动监督机制融入数字"));
        assert!(ends_open("紧盯重要节点,"));
        assert!(!ends_open("重庆，正在奋力奔跑。"));
        assert!(!ends_open("“……最大增量’。”九龙坡区科技局相关负责人表示。"));
        assert!(!ends_open("落实“三个区分开来”等方面；"));
        assert!(ends_open("大力践行“马上就办、办就办"));
        assert!(ends_open("2024年3月底前（试行）的"));
    }

    #[test]
    fn plain_continuations() {
        for yes in [
            "造，党的领导组织力全面提升。",
            "务、组织保障三个方面",
            "好”优良作风。",
            "生建设、人口发展",
            "的新趋势、新特征",
        ] {
            assert!(continues_plainly(yes), "{yes}");
        }
        for no in [
            "今年，重庆",
            "对此,市国资委",
            "重庆各行业各领域业务系统。",
            "二是突出系统构建。",
        ] {
            assert!(!continues_plainly(no), "{no}");
        }
        assert!(closes_quote_of(
            "重庆市《农村产权流转交易",
            "规范化试点名单》，重庆成为"
        ));
    }
}
