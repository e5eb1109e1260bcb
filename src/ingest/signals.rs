//! The signals page dumps really show, as small pure predicates on one line
//! or paragraph of text.
//!
//! Every rule in `split` and `meta` is built from these, so each signal is
//! defined once, named after what it means on a newspaper page, and tested
//! on examples taken from the seeds: a byline (`□本报记者 周尤`), a dateline
//! (`新华社北京12月27日电`), a photo credit (`记者 罗斌 摄/视觉重庆`), a
//! line that stops mid-sentence (`…推动监督机制融入数字`), a line that plainly
//! continues one (`造，党的领导组织力全面提升。`), a list ordinal (`二是`).

use regex::Regex;
use std::sync::LazyLock;

/// The character classes every signal is built from, defined once in
/// [`crate::text`] and re-exported so the rules here read `sig::is_han`.
pub use crate::text::{chars, is_han, is_space};

/// Compiles a regex that is a literal of this file. Patterns are tested
/// below, so a bad one fails the test suite, not an editor's run.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex {pattern}: {e}"))
}

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

/// Opening marks that say a paragraph starts something new: list ordinals
/// (`一是`, `二、`, `（三）`, `4.`, `首先`), Q&A labels, bullets, bylines,
/// a date line. Such a paragraph never continues a broken line.
pub fn starts_new(text: &str) -> bool {
    static NEW: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?:\D|$)|第[一二三四五六七八九十]+[，、是个]|首先|其次|再次|最后|其一|其二|其三|\*\*|问[：:]|答[：:]|[●◆◇▲■□★【#>]|- |本报讯|——)",
        )
    });
    let t = trim(text);
    NEW.is_match(t) || is_date_line(t) || closing_dateline(t) == Some(0)
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

/// Each comma-separated part of a heading is a phrase of its own (five
/// characters or more). `近年来，重庆市国资委着力构建` and
/// `聚力提升创新载体行动，建设环` fail this: they are broken sentences.
fn phrases_are_whole(text: &str) -> bool {
    !text.contains(['，', ',']) || text.split(['，', ',']).all(|part| chars(trim(part)) >= 5)
}

/// Could this line be a headline or a section heading? Short (up to
/// `max` characters), standing alone, no sentence inside, not ending in
/// a comma or colon, quotes balanced, each comma-part a whole phrase, and
/// not one of the other signals (byline, bullet, ordinal list…).
pub fn heading_like(text: &str, max: usize) -> bool {
    let t = trim(text);
    let n = chars(t);
    (2..=max).contains(&n)
        && !t.contains(['。', '；', ';', '\t'])
        && !t.ends_with(['，', ',', '、', '：', ':', '—'])
        && balanced(t)
        && phrases_are_whole(t)
        && !starts_new(t)
        && byline_kind(t).is_none()
        && photo_credit(t).is_none()
        && !is_continuation_marker(t)
        && !is_label(t)
}

/// A short line ending in a colon that prefixes the headline below it:
/// `万州：`.
pub fn is_title_prefix(text: &str) -> bool {
    let t = trim(text);
    (2..=8).contains(&chars(t))
        && t.ends_with(['：', ':'])
        && t.chars().filter(|c| is_han(*c)).count() >= 1
}

/// A newspaper column name: a known one, a `速览·…` digest heading, or a
/// label in `【】`.
pub fn is_column(text: &str) -> bool {
    const KNOWN: [&str; 17] = [
        "权威发布",
        "重报圆桌会",
        "政务简报",
        "要闻",
        "时评",
        "短评",
        "评论",
        "本报评论员",
        "今日关注",
        "前沿观察",
        "干部状态新观察",
        "人民时评",
        "人民论坛",
        "今日谈",
        "评论员观察",
        "新论",
        "政策解读",
    ];
    let t = trim(text);
    KNOWN.contains(&t)
        || (t.starts_with("速览·") && (4..=12).contains(&chars(t)) && !t.contains(['。', '，']))
        || (t.starts_with('【')
            && t.ends_with('】')
            && (3..=12).contains(&chars(t))
            && !t[3..].contains('【'))
}

/// Labels standing alone: a roundtable's `嘉宾`, `主持人`; the furniture
/// that opens a box inside an article: an editor's note (`编者按`), a
/// summary box (`核心阅读`), a reporter's sidebar (`记者手记`), links.
pub fn is_label(text: &str) -> bool {
    matches!(
        trim(text),
        "嘉宾"
            | "主持人"
            | "访谈嘉宾"
            | "特邀嘉宾"
            | "本期嘉宾"
            | "编者按"
            | "编者的话"
            | "核心阅读"
            | "记者手记"
            | "记者观察"
            | "延伸阅读"
            | "相关链接"
            | "背景链接"
            | "链接"
            | "图片说明"
    )
}

/// `(上接1版)`: the rest of an article begun on another page.
pub fn is_continuation_marker(text: &str) -> bool {
    static MARK: LazyLock<Regex> =
        LazyLock::new(|| re(r"^[（(](?:上接|接上|接)\s*(?:第)?\s*\d+\s*版[)）]$"));
    MARK.is_match(trim(text))
}

/// The forms a byline takes on these pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BylineKind {
    /// `□本报记者 周尤`, `■新重庆-重庆日报记者 张珺 周尤`: the whole line.
    Marked,
    /// `本报讯(记者 黄光红)…`: a prefix of the first paragraph; the value is
    /// its length in bytes.
    Xun(usize),
    /// `(本报记者 杨骏 … 采写)`: a whole line ending an article.
    Credit,
}

/// Which kind of byline `text` is or begins with, if any:
/// - a marked line (`□本报记者 周尤`), or a line that is nothing but a
///   credit (`本报记者  罗兰`, `本报记者  吴齐强  颜  珂`, a crawler's
///   `> 本报记者  朱  磊《人民日报》（2025年03月01日第 04 版）`, or the
///   edition stamp alone) → [`BylineKind::Marked`];
/// - a whole bracketed credit ending an article (`(本报记者 杨骏 … 采写)`)
///   → [`BylineKind::Credit`];
/// - a credit opening the first paragraph (`本报讯(记者 黄光红)…`,
///   `（记者冯芸）百年大计…`) → [`BylineKind::Xun`].
pub fn byline_kind(text: &str) -> Option<BylineKind> {
    static XUN: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:本报讯\s*(?:[（(][^()（）]{0,40}[)）]|(?:首席)?记者(?:\s*[\p{Han}·]{2,4})+)|[（(](?:本报|新华社)?(?:首席|特约)?(?:记者|通讯员)[^()（）]{1,30}[)）])",
        )
    });
    static CREDIT: LazyLock<Regex> =
        LazyLock::new(|| re(r"^[（(](?:本报)?(?:首席)?(?:记者|通讯员)[^()（）]{1,60}[)）]$"));
    let t = trim(text);
    if (t.starts_with('□') || t.starts_with('■'))
        && chars(t) <= 60
        && ["记者", "通讯员", "本报", "撰稿", "评论员", "特约"]
            .iter()
            .any(|w| t.contains(w))
    {
        return Some(BylineKind::Marked);
    }
    if is_credit_line(t) {
        return Some(BylineKind::Marked);
    }
    if CREDIT.is_match(t) {
        return Some(BylineKind::Credit);
    }
    XUN.find(t).map(|m| {
        let offset = text.len() - text.trim_start_matches(is_space).len();
        BylineKind::Xun(offset + m.end())
    })
}

/// A line that is only a credit: role words and names (`本报记者  罗兰`),
/// possibly behind a crawler's `>` and followed by the edition stamp
/// `《人民日报》（2025年03月01日第 01 版）`, or that stamp alone.
fn is_credit_line(t: &str) -> bool {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:>\s*)?(?:(?:新华社|本报|人民日报)?(?:首席|特约|实习|见习|摄影)?(?:记者|通讯员)[\s\p{Han}·、，,]{2,40}?)?(?:《[^》]{1,12}》\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*第?\s*\d{1,3}\s*版\s*[)）])?$",
        )
    });
    let has_credit = t.contains("记者") || t.contains("通讯员");
    let has_stamp = t.contains('》') && t.contains('版');
    (has_credit || has_stamp)
        && chars(t) <= 70
        && !t.contains(['。', '；', '：', '！', '？'])
        && LINE.is_match(t)
        && (has_stamp || !super::byline::people(t).is_empty())
}

/// A paragraph closing with a reporter's credit, as briefs do:
/// `…宣布开幕。(记者 金鑫)`, or naming the paper or agency when the copy
/// is printed elsewhere: `…“走出去”。 （经济日报记者 王新伟 吴秉泽）`.
/// Returns the byte offset where the credit starts.
pub fn trailing_credit(text: &str) -> Option<usize> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"[（(](?:本报|新华社|中新社|\p{Han}{2,4}日报)?(?:首席)?(?:记者|通讯员)\s*[\p{Han}·\s]{2,30}[)）]$",
        )
    });
    let t = text.trim_end_matches(is_space);
    TAIL.find(t).filter(|m| m.start() > 0).map(|m| m.start())
}

/// A dateline in brackets closing a paragraph or standing alone:
/// `…无怨无悔。（据新华社郑州9月9日电）`, `（新华社北京1月20日电）`. Returns
/// the byte offset where the bracket opens.
pub fn closing_dateline(text: &str) -> Option<usize> {
    static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"[（(]据?(?:新华社|中新社|人民日报|本报)[\p{Han}]{0,12}?\d{1,2}月\d{1,2}日(?:专?电|讯)[)）]$",
        )
    });
    CLOSING
        .find(text.trim_end_matches(is_space))
        .map(|m| m.start())
}

/// `新华社北京12月27日电`: returns its length in bytes, counted from the
/// start of `text`.
pub fn dateline(text: &str) -> Option<usize> {
    static DL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:新华社|中新社|中国新闻社|人民日报|央视新闻|光明日报|经济日报|本报)[\p{Han}]{0,12}?\d{1,2}月\d{1,2}日(?:专?电|讯)(?:[（(][^()（）]{0,30}[)）])?",
        )
    });
    let offset = text.len() - text.trim_start_matches(is_space).len();
    DL.find(trim(text)).map(|m| offset + m.end())
}

/// A photo credit ending a line: `记者 罗斌 摄/视觉重庆`, `… 摄/李昱彦`, or
/// photographers' names after the caption's last sentence (`…节日快乐。 王铮
/// 杨东辉 摄`, `…青春年华。⑧3程全摄`, with a provincial paper's editor code).
/// Returns the byte offset where the credit starts (0 when the line is
/// only a credit).
pub fn photo_credit(text: &str) -> Option<usize> {
    static PHOTO: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?:^|\s)(?P<c>(?:(?:首席)?记者\s*(?:[\p{Han}·]{2,4}\s*){1,4})?摄(?:[/／]\s*[^\s/／]{2,12})?)$",
        )
    });
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"[。！？”\s](?P<c>(?:[①-⑳]\d{0,2})?(?:[\p{Han}·]{2,4}[ \u{3000}]+){0,3}[\p{Han}·]{2,3}[ \u{3000}]*摄)$",
        )
    });
    let t = text.trim_end_matches(is_space);
    if chars(t) > 80 {
        return named_credit(&NAMED, t);
    }
    let Some(caps) = PHOTO.captures(t) else {
        return named_credit(&NAMED, t);
    };
    let c = caps.name("c")?;
    let credit = &t[c.start()..];
    // `摄` alone at the end of an ordinary sentence is not a credit.
    if credit.contains('/') || credit.contains('／') || credit.contains("记者") {
        Some(c.start())
    } else {
        named_credit(&NAMED, t)
    }
}

/// Names and `摄` after a caption's last sentence (see [`photo_credit`]).
fn named_credit(named: &Regex, t: &str) -> Option<usize> {
    let c = named.captures(t)?.name("c")?;
    let credit = &t[c.start()..];
    (!super::byline::people(credit).is_empty()).then_some(c.start())
}

/// Site chrome around a page: navigation, sponsor and licence lines.
pub fn is_chrome(text: &str) -> bool {
    const STARTS: [&str; 9] = [
        "主办单位",
        "承办单位",
        "版权所有",
        "备案序号",
        "技术支持",
        "Copyright",
        "copyright",
        "©",
        "网站标识码",
    ];
    const NAV: [&str; 6] = [
        "关于我们",
        "网站声明",
        "返回首页",
        "联系我们",
        "网站地图",
        "打印本页",
    ];
    let t = trim(text);
    let nav_words = NAV.iter().filter(|w| t.contains(*w)).count();
    STARTS.iter().any(|s| t.starts_with(s))
        || t.contains("ICP备")
        || (nav_words >= 1 && (t.contains('|') || nav_words >= 2) && chars(t) <= 60)
        || matches!(
            t,
            "返回首页" | "打印本页" | "关闭窗口" | "【关闭窗口】" | "【打印本页】"
        )
}

/// A production credit line: `责任编辑：王某`, `版式设计：李某`, `（责编：
/// 张某）`. Page chrome, never article text.
pub fn is_production_credit(text: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^[（(]?\s*(?:本版)?(?:责任编辑|责编|版式设计|美术编辑|图片编辑|本版编辑|版面设计|校对|制图)\s*[:：]\s*[\p{Han}·\s、，,]{2,30}[)）]?$",
        )
    });
    let t = trim(text);
    chars(t) <= 40 && CREDIT.is_match(t)
}

/// The sign-off closing an editor's note: `——编者`, `——编  者`.
pub fn is_editor_signoff(text: &str) -> bool {
    let t: String = trim(text).chars().filter(|c| !is_space(*c)).collect();
    t == "——编者" || t == "—编者"
}

/// A name standing alone (two to four Chinese characters), as the author's
/// signature at the end of an article: `杨晨`.
pub fn is_name(text: &str) -> bool {
    let t = trim(text);
    (2..=4).contains(&chars(t)) && t.chars().all(is_han)
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

    #[test]
    fn ordinals_and_new_starts() {
        assert_eq!(ordinal("二是突出系统构建。"), Some(("是", 2)));
        assert_eq!(ordinal("(三)压实责任抓整改。"), Some(("（）", 3)));
        assert_eq!(ordinal("十二、附则"), Some(("、", 12)));
        assert_eq!(ordinal("3.加强党建统领"), Some((".", 3)));
        assert_eq!(ordinal("3.5亿元"), None);
        assert!(starts_new("**问：**请介绍"));
        assert!(starts_new("2024年11月13日"));
        assert!(!starts_new("“一中心四板块一网格”基层智治体系"));
    }

    #[test]
    fn headings_versus_broken_lines() {
        for yes in [
            "完善工作体系,将政治优势转化为治理效能与发展胜势",
            "深入调研",
            "心往一处想 劲往一处使",
            "打表推进核心指标",
        ] {
            assert!(heading_like(yes, 40), "{yes}");
        }
        for no in [
            "近年来,重庆市国资委着力构建",
            "聚力提升创新载体行动，建设环",
            "会后,",
            "一、党工委履行巡视整改主体责任情况",
            "□本报记者 彭瑜",
            "嘉宾",
        ] {
            assert!(!heading_like(no, 40), "{no}");
        }
    }

    #[test]
    fn bylines_datelines_credits() {
        assert_eq!(byline_kind("□本报首席记者 周尤"), Some(BylineKind::Marked));
        assert_eq!(
            byline_kind("■ 新重庆·重庆日报记者 王亚同"),
            Some(BylineKind::Marked)
        );
        let line = "本报讯(记者 黄光红)12月21日，商务部";
        assert_eq!(
            byline_kind(line),
            Some(BylineKind::Xun("本报讯(记者 黄光红)".len()))
        );
        assert_eq!(
            byline_kind("(本报记者 杨骏 夏元 余振芳 黄光红采写)"),
            Some(BylineKind::Credit)
        );
        assert_eq!(
            byline_kind("本报讯(首席记者 周尤)"),
            Some(BylineKind::Xun("本报讯(首席记者 周尤)".len()))
        );
        let d = "新华社北京12月27日电 中共中央组织部";
        assert_eq!(dateline(d), Some("新华社北京12月27日电".len()));
        assert_eq!(photo_credit("记者 罗斌 摄/视觉重庆"), Some(0));
        let cap = "重庆国创轻合金研究院内研发人员有序操作设备 摄/李昱彦";
        assert_eq!(photo_credit(cap), cap.find("摄"));
        assert_eq!(photo_credit("他们拍摄"), None);
        let brief = "宣布开幕。(记者 金鑫)";
        assert_eq!(trailing_credit(brief), brief.find('('));
        let relayed = "产品“走出去”。 （光明日报记者 李明 张华）";
        assert_eq!(trailing_credit(relayed), relayed.find('（'));
        assert_eq!(trailing_credit("（日报记者 李明）"), None);
    }

    #[test]
    fn chrome_and_markers() {
        assert!(is_chrome("关于我们 | 网站声明 | 返回首页"));
        assert!(is_chrome("备案序号:渝ICP备07000348号"));
        assert!(is_chrome(
            "主办单位:中共重庆市纪律检查委员会 重庆市监察委员会"
        ));
        assert!(!is_chrome("主办方专门提到"));
        assert!(is_continuation_marker("(上接1版)"));
        assert!(is_column("【案例】"));
        assert!(is_column("政务简报"));
        assert!(is_column("速览·民生"));
        assert!(is_column("前沿观察"));
        assert!(!is_column("速览·今天，我们看到了很多变化。"));
        assert!(is_title_prefix("万州："));
        assert_eq!(han_number("二十三"), Some(23));
    }
}
