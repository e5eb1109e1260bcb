//! Signals of heads and boxes: what starts something new, what could be
//! a headline, title prefixes, column names, labels and continuation
//! markers.

use super::credits::{byline_kind, closing_dateline, photo_credit};
use super::pattern::re;
use super::sentence::{balanced, is_date_line, trim};
use crate::text::{chars, is_han};
use regex::Regex;
use std::sync::LazyLock;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::signals::credits::is_chrome;
    use crate::ingest::signals::sentence::{han_number, ordinal};

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
