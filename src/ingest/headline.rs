//! The headline block, as a newspaper sets it and an editor reads it.
//!
//! A headline block is, from top to bottom:
//!
//! 1. an optional **section line** over a group of articles, marked with a
//!    square (`□师者之尊缘自用心`) — it is the kicker of the article below;
//! 2. an optional **kicker** (引题), a short line above the headline, often
//!    ending in a dash (`伍映方代表——`), or a crawler's `###`/`##` heading
//!    directly above its `#` headline;
//! 3. the **headline** (正题), which may carry its **column** in brackets
//!    at the end: `货币供应年内总体比较充裕(市场观察)`,
//!    `湖南大力实施产业育新培强攻坚（坚定信心，打开改革发展新天地）` — the
//!    column is taken off the title; a bracket that is part of the title
//!    (`（试行）`, `（上）`, `（2024年）`, `（之一）`, a series number) stays;
//! 4. an optional **subtitle** (副题), opening with a dash
//!    (`——追记太康县回族中学校长李琳`), or a crawler's `##` under its `#`,
//!    or the date of a document printed in full (`（2019年1月31日）`), which
//!    is then the article's date;
//! 5. the byline or dateline.
//!
//! Of two short lines above a byline, the first is the kicker when it ends
//! in a dash or the second carries a column in brackets; otherwise they
//! are headline and subtitle, as papers most often print them.

use super::signals as sig;
use regex::Regex;
use std::sync::LazyLock;

/// A headline ending with its column in brackets: returns the byte offset
/// where the opening bracket starts and the column name.
pub fn column_suffix(title: &str) -> Option<(usize, &str)> {
    static SUFFIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[（(](?P<c>[^（）()]{2,30})[)）]$").expect("valid regex"));
    static PART_OF_TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:试行|草案|修订|修订版|征求意见稿|全文|摘要|节选|上|中|下|续|之?[一二三四五六七八九十]+|第?[0-9０-９]+|[0-9０-９]{4}年.*|.*[0-9]{4}.*|简称.*|以下简称.*|图|附图表|组图)$",
        )
        .expect("valid regex")
    });
    let t = sig::trim(title);
    let m = SUFFIX.captures(t)?;
    let whole = m.get(0)?;
    let column = m.name("c")?.as_str();
    let before = sig::trim(&t[..whole.start()]);
    let ok = sig::chars(before) >= 4
        && !column.contains(['。', '；', '！', '？'])
        && !PART_OF_TITLE.is_match(sig::trim(column));
    ok.then_some((whole.start(), column))
}

/// A section line over a group of articles: `□师者之尊缘自用心`, short,
/// without a credit in it.
pub fn section_line(text: &str) -> Option<&str> {
    let t = sig::trim(text);
    let rest = sig::trim(t.strip_prefix('□')?);
    let ok = (2..=20).contains(&sig::chars(rest))
        && !rest.contains(['。', '，', '；'])
        && !["记者", "通讯员", "本报"].iter().any(|w| rest.contains(w));
    ok.then_some(rest)
}

/// A line that can be a kicker above a headline: short, no sentence
/// inside, either heading-like or ending in a dash (`伍映方代表——`).
pub fn kicker_like(text: &str) -> bool {
    let t = sig::trim(text);
    (2..=40).contains(&sig::chars(t))
        && !t.contains(['。', '；'])
        && sig::balanced(t)
        && sig::byline_kind(t).is_none()
        && (sig::heading_like(t, 40) || (t.ends_with("——") && !t.starts_with("——")))
}

/// A subtitle that is the document's date, as central documents printed
/// in full carry it: `（2019年1月31日）`, `（2014年10月23日中国共产党第十八届
/// 中央委员会第四次全体会议通过）` → (year, month, day).
pub fn date_subtitle(text: &str) -> Option<(String, String, String)> {
    static DATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[（(](\d{4})年(\d{1,2})月(\d{1,2})日[^（）()。]{0,40}[)）]$")
            .expect("valid regex")
    });
    let c = DATED.captures(sig::trim(text))?;
    Some((c[1].to_string(), c[2].to_string(), c[3].to_string()))
}

/// The edition stamp a crawler copies under a People's Daily headline:
/// `《人民日报》（2025年03月01日第 01 版）` → (year, month, day).
pub fn edition_date(text: &str) -> Option<(String, String, String)> {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"《[^》]{1,12}》\s*[（(]\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*第?\s*\d{1,3}\s*版\s*[)）]")
            .expect("valid regex")
    });
    let c = STAMP.captures(text)?;
    Some((c[1].to_string(), c[2].to_string(), c[3].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_brackets_come_off_the_title() {
        let t = "货币供应年内总体比较充裕(市场观察)";
        assert_eq!(column_suffix(t), Some((t.find('(').unwrap(), "市场观察")));
        let t = "湖南大力实施产业育新培强攻坚（坚定信心，打开改革发展新天地）";
        assert_eq!(
            column_suffix(t).map(|c| c.1),
            Some("坚定信心，打开改革发展新天地")
        );
        let t = "为规范非遗市场不断探索（改革再深化  奋进新征程·代表委员履职故事）";
        assert_eq!(
            column_suffix(t).map(|c| c.1),
            Some("改革再深化  奋进新征程·代表委员履职故事")
        );
    }

    #[test]
    fn brackets_that_belong_to_the_title_stay() {
        for t in [
            "关于推进清廉重庆建设的意见（试行）",
            "重庆市国资委工作报告（上）",
            "推进中国式现代化系列评论（之一）",
            "政府工作报告（2024年）",
            "重点任务清单（3）",
            "短标题（评论）",
        ] {
            assert_eq!(column_suffix(t), None, "{t}");
        }
    }

    #[test]
    fn section_lines_and_kickers() {
        assert_eq!(section_line("□师者之尊缘自用心"), Some("师者之尊缘自用心"));
        assert_eq!(section_line("□本报记者张靖本报通讯员郜敏"), None);
        assert!(kicker_like("伍映方代表——"));
        assert!(kicker_like("政策保持稳健基调  国际资本流入较多"));
        assert!(!kicker_like("——追记太康县回族中学校长李琳"));
        assert!(!kicker_like("本报记者  罗兰"));
    }

    #[test]
    fn dated_subtitles() {
        assert_eq!(
            date_subtitle("（2019年1月31日）"),
            Some(("2019".into(), "1".into(), "31".into()))
        );
        assert!(
            date_subtitle("（2014年10月23日中国共产党第十八届中央委员会第四次全体会议通过）")
                .is_some()
        );
        assert_eq!(date_subtitle("（记者 周尤）"), None);
    }

    #[test]
    fn edition_stamps_give_the_date() {
        let s = "> 本报记者  朱  磊《人民日报》（2025年03月01日第 04 版）";
        assert_eq!(
            edition_date(s),
            Some(("2025".into(), "03".into(), "01".into()))
        );
    }
}
