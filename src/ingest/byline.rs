//! Bylines: who wrote, reported, photographed — read the way an editor
//! reads a credit line.
//!
//! The rules an editor applies:
//!
//! - A credit is a sequence of **roles** and **names**. Roles stand before
//!   the names they credit (`记者`, `本报记者`, `首席记者`, `通讯员`,
//!   `实习生`, `评论员`, `主持人`) or after them (`摄`, `采写`, `采访整理`,
//!   `整理`, `撰稿`): `（本报记者  X  Y采访整理）` credits one reporter,
//!   `XY`, who also did the interview; it never credits `Y采访整理`.
//! - **Agencies and papers are not people**: `新华社`, `本报讯`, `本报`,
//!   `新重庆-重庆日报`, an edition stamp `《人民日报》（2025年03月01日第 01
//!   版）`, a photo agency after `摄/` when a photographer is already named
//!   (`记者 罗斌 摄/视觉重庆`). A name after `摄/` with nobody before it is the
//!   photographer (`摄/李昱彦`).
//! - **Names are normalised**: papers space two-character names to the
//!   width of three (`颜  珂` is 颜珂; `X  X  XYZ` is two people, XX and XYZ);
//!   several names are split on spaces, `、` and `，`; names run together
//!   without separators (`通讯员王飞李永`, `张宗桥贾胜波`) are split where
//!   each part begins with a common surname and the parts are two or three
//!   characters long.
//! - Page furniture inside a credit is ignored: layout marks (`□` `■`),
//!   brackets, and the editors' codes some provincial papers print before
//!   a credit (`⑧3`, `②11`).

use crate::text::{chars, is_han, is_space};
use regex::Regex;
use std::sync::LazyLock;

/// What a person did for the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 记者, 本报记者, 首席记者, 特约记者…
    Reporter,
    /// 通讯员.
    Correspondent,
    /// 实习生.
    Intern,
    /// 评论员, 撰稿: a writer of opinion or a commissioned text.
    Writer,
    /// 主持人.
    Host,
    /// 摄: the photographer.
    Photographer,
    /// 采访整理 / 整理: who interviewed and wrote up.
    Interviewer,
    /// A name with no role word (a signature such as `杨晨`).
    Unnamed,
}

/// One person credited, with what they did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// The name, normalised (no spaces inside).
    pub name: String,
    /// The role printed with it.
    pub role: Role,
}

/// Role words standing before the names they credit, longest first.
const BEFORE: [(&str, Role); 14] = [
    ("本报首席记者", Role::Reporter),
    ("本报特约记者", Role::Reporter),
    ("本报通讯员", Role::Correspondent),
    ("本报实习生", Role::Intern),
    ("特约通讯员", Role::Correspondent),
    ("本报记者", Role::Reporter),
    ("首席记者", Role::Reporter),
    ("特约记者", Role::Reporter),
    ("摄影记者", Role::Photographer),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Intern),
    ("评论员", Role::Writer),
    ("主持人", Role::Host),
    ("记者", Role::Reporter),
];

/// Role words standing after the names they credit.
const AFTER: [(&str, Role); 5] = [
    ("采访整理", Role::Interviewer),
    ("整理", Role::Interviewer),
    ("采写", Role::Reporter),
    ("撰稿", Role::Writer),
    ("摄", Role::Photographer),
];

/// Common single-character surnames, for splitting names printed without
/// separators.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝郜";

/// Two-character surnames: a four-character run beginning with one is a
/// single name.
const COMPOUND: [&str; 14] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "宇文", "长孙",
    "夏侯", "端木",
];

/// Words that look like names but are papers, agencies or places.
const NOT_PEOPLE: [&str; 10] = [
    "本报",
    "新华社",
    "人民日报",
    "本报讯",
    "视觉重庆",
    "中新社",
    "新重庆",
    "重庆日报",
    "记者",
    "通讯员",
];

fn is_surname(c: char) -> bool {
    SURNAMES.contains(c)
}

/// Strips what is not a credit: marks, brackets, codes, agencies, the
/// edition stamp.
fn clean(byline: &str) -> String {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"《[^》]{1,12}》\s*[（(][^（）()]*版[)）]").expect("valid regex")
    });
    static CODE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[①-⑳]\d{0,2}").expect("valid regex"));
    static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"本报讯|新华社|中新社|新重庆[-·]?重庆日报|人民日报|光明日报|经济日报|解放军报|中国青年报|法治日报|工人日报|农民日报|科技日报|^\s*>\s*")
            .expect("valid regex")
    });
    let t = STAMP.replace_all(byline, " ");
    let t = CODE.replace_all(&t, " ");
    let t = AGENCY.replace_all(&t, " ");
    t.chars()
        .map(|c| {
            if "()（）□■【】[]:：".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Splits a credit into (role, text) segments: each role word with the
/// text it governs.
fn segments(text: &str) -> Vec<(Option<Role>, String)> {
    let mut out: Vec<(Option<Role>, String)> = vec![(None, String::new())];
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((w, role)) = BEFORE.iter().find(|(w, _)| rest.starts_with(w)) {
            out.push((Some(*role), String::new()));
            rest = &rest[w.len()..];
            continue;
        }
        if let Some((w, role)) = AFTER.iter().find(|(w, _)| rest.starts_with(w)) {
            // A trailing role credits the names just before it.
            if let Some(last) = out.last_mut() {
                if last.0.is_none() || *role != Role::Reporter {
                    last.0 = Some(*role);
                }
            }
            out.push((None, String::new()));
            rest = &rest[w.len()..];
            if *role == Role::Photographer {
                rest = rest.trim_start_matches(['/', '／']);
            }
            continue;
        }
        if let Some(last) = out.last_mut() {
            last.1.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The names in one segment of a credit (see module docs).
fn split_names(text: &str) -> Vec<String> {
    let tokens: Vec<&str> = text
        .split(|c: char| is_space(c) || "、，,；;/／".contains(c))
        .filter(|t| !t.is_empty())
        .collect();
    let mut merged: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let one = chars(tokens[i]) == 1;
        if one && tokens.get(i + 1).is_some_and(|t| chars(t) == 1) {
            merged.push(format!("{}{}", tokens[i], tokens[i + 1]));
            i += 2;
        } else {
            merged.push(tokens[i].to_string());
            i += 1;
        }
    }
    merged.into_iter().flat_map(|t| run_together(&t)).collect()
}

/// A run of names printed without separators, split at surnames into
/// parts of two or three characters; a run that cannot be split so is
/// one name.
fn run_together(token: &str) -> Vec<String> {
    let cs: Vec<char> = token.chars().collect();
    if cs.len() < 4 || COMPOUND.iter().any(|c| token.starts_with(c)) && cs.len() <= 4 {
        return vec![token.to_string()];
    }
    fn go(cs: &[char]) -> Option<Vec<String>> {
        if cs.is_empty() {
            return Some(Vec::new());
        }
        // Prefer three-character names, then two.
        for n in [3, 2] {
            if cs.len() >= n && is_surname(cs[0]) && (cs.len() == n || is_surname(cs[n])) {
                if let Some(mut rest) = go(&cs[n..]) {
                    rest.insert(0, cs[..n].iter().collect());
                    return Some(rest);
                }
            }
        }
        None
    }
    go(&cs).unwrap_or_else(|| vec![token.to_string()])
}

/// A token that can be a person's name: two to four Chinese characters
/// (a middle dot allowed), not a paper or agency.
fn is_person(t: &str) -> bool {
    (2..=4).contains(&chars(t))
        && t.chars().all(|c| is_han(c) || c == '·')
        && !NOT_PEOPLE.contains(&t)
}

/// Every person a byline credits, with their role, in order.
pub fn credits(byline: &str) -> Vec<Credit> {
    let cleaned = clean(byline);
    let segs = segments(&cleaned);
    let any_role = segs.iter().any(|(r, _)| r.is_some());
    let named_before_photo = segs
        .iter()
        .take_while(|(r, _)| *r != Some(Role::Photographer))
        .any(|(_, t)| split_names(t).iter().any(|n| is_person(n)));
    let mut out = Vec::new();
    let mut after_photo = false;
    for (role, text) in &segs {
        if after_photo && named_before_photo {
            // `摄/视觉重庆`: the agency after a named photographer.
            break;
        }
        let role = match role {
            Some(r) => *r,
            None if after_photo => Role::Photographer,
            None if any_role => {
                continue;
            }
            None => Role::Unnamed,
        };
        out.extend(
            split_names(text)
                .into_iter()
                .filter(|n| is_person(n))
                .map(|name| Credit { name, role }),
        );
        after_photo |= role == Role::Photographer;
    }
    out
}

/// The people a byline names, each once, in order.
pub fn people(byline: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for c in credits(byline) {
        if !names.contains(&c.name) {
            names.push(c.name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_forms() {
        assert_eq!(people("□本报首席记者 周尤"), ["周尤"]);
        assert_eq!(people("■新重庆-重庆日报记者 张珺 周尤"), ["张珺", "周尤"]);
        assert_eq!(people("本报讯(记者 黄光红)"), ["黄光红"]);
        assert_eq!(
            people("(本报记者 杨骏 夏元 余振芳 黄光红采写)"),
            ["杨骏", "夏元", "余振芳", "黄光红"]
        );
        assert_eq!(people("记者 罗斌 摄/视觉重庆"), ["罗斌"]);
        assert_eq!(people("摄/李昱彦"), ["李昱彦"]);
        assert_eq!(people("(记者 金鑫)"), ["金鑫"]);
        assert_eq!(people("杨晨"), ["杨晨"]);
        assert_eq!(people("新重庆·重庆日报首席记者 周尤"), ["周尤"]);
    }

    #[test]
    fn interviewed_and_written_up_is_a_role_not_a_name() {
        assert_eq!(people("（本报记者  王  红采访整理）"), ["王红"]);
        let c = credits("（本报记者  王  红采访整理）");
        assert_eq!(c[0].role, Role::Interviewer);
    }

    #[test]
    fn fixed_width_names_and_groups() {
        assert_eq!(people("本报记者  吴齐强  颜  珂"), ["吴齐强", "颜珂"]);
        assert_eq!(people("本报记者  赵  成"), ["赵成"]);
        assert_eq!(people("本报记者  耿  磊  李卓尔"), ["耿磊", "李卓尔"]);
        assert_eq!(
            people("（本报记者顾仲阳、张帆、徐元锋、庞革平）"),
            ["顾仲阳", "张帆", "徐元锋", "庞革平"]
        );
    }

    #[test]
    fn names_run_together_are_split_at_surnames() {
        assert_eq!(
            people("本报讯（记者李铮通讯员王飞李永）"),
            ["李铮", "王飞", "李永"]
        );
        assert_eq!(
            people("本报讯（记者李虎成通讯员张宗桥贾胜波）"),
            ["李虎成", "张宗桥", "贾胜波"]
        );
        assert_eq!(people("□本报记者张靖本报通讯员郜敏"), ["张靖", "郜敏"]);
        assert_eq!(people("记者 欧阳明远"), ["欧阳明远"]);
    }

    #[test]
    fn photo_credits_codes_and_edition_stamps() {
        assert_eq!(people("⑧3陈更生 宋洁 摄"), ["陈更生", "宋洁"]);
        assert_eq!(people("⑧3程全摄"), ["程全"]);
        assert_eq!(people("王铮 杨东辉 摄"), ["王铮", "杨东辉"]);
        assert_eq!(
            people("> 本报记者  朱  磊《人民日报》（2025年03月01日第 04 版）"),
            ["朱磊"]
        );
        assert!(people("> 《人民日报》（2025年03月01日第 01 版）").is_empty());
        assert!(people("(山西省纪委监委)").is_empty());
    }
}
