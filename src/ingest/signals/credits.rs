//! Signals of who and where: bylines, datelines, trailing and photo
//! credits, site chrome, production credits, an editor's sign-off and a
//! name standing alone as a signature.

use super::pattern::re;
use super::sentence::trim;
use crate::text::{chars, is_han, is_space};
use regex::Regex;
use std::sync::LazyLock;

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
        && (has_stamp || !crate::ingest::byline::people(t).is_empty())
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
    (!crate::ingest::byline::people(credit).is_empty()).then_some(c.start())
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
}
