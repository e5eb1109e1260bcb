//! Cleaning: paragraphs → Markdown, without changing a word.
//!
//! What changes is only typography and markup:
//! - ASCII `, : ; ? !` next to Chinese become full-width, and parentheses
//!   around Chinese become `（）`; inside numbers and Latin text
//!   (`3.5`, `10:00`, `5:5`, `GDP`, URLs) nothing changes ([`fullwidth`]);
//! - headings get `##`/`###`/`####`, list items `- `, tables pipes,
//!   Q&A labels and run-in heads (`（一）提高站位抓整改。`) bold;
//! - characters that Markdown would read as markup (`*`, `_`, `<`, `[`,
//!   a `#` or `1.` opening a line…) are backslash-escaped, so the text
//!   renders exactly as written ([`escape`]).
//!
//! A bold label is followed by a space (`**问：** 请…`): CommonMark does
//! not close `**` after punctuation when a letter follows, so `**问：**请`
//! would show its asterisks.

use super::signals::{self as sig, is_cjk_side, is_han};
use super::split::{Para, ParaRole};
use regex::Regex;
use std::sync::LazyLock;

/// The Markdown body of an article: a leading blank line, blocks separated
/// by blank lines, a final newline.
pub fn body(paras: &[Para]) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let role = paras[i].role;
        let run = paras[i..].iter().take_while(|p| p.role == role).count();
        match role {
            ParaRole::Row => blocks.push(table(&paras[i..i + run])),
            ParaRole::Item => blocks.push(
                paras[i..i + run]
                    .iter()
                    .map(|p| item(&p.text))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            _ => blocks.extend(paras[i..i + run].iter().map(block)),
        }
        i += run;
    }
    if blocks.is_empty() {
        return "\n".to_string();
    }
    format!("\n{}\n", blocks.join("\n\n"))
}

fn block(p: &Para) -> String {
    match p.role {
        ParaRole::Heading(level) => {
            let text = strip_hashes(&p.text);
            format!(
                "{} {}",
                "#".repeat(level.clamp(2, 4) as usize),
                escape(&fullwidth(text), false)
            )
        }
        ParaRole::Label => format!("**{}**", escape(&fullwidth(&p.text), false)),
        ParaRole::Text => paragraph(&p.text),
        _ => escape(&fullwidth(&p.text), true),
    }
}

fn strip_hashes(text: &str) -> &str {
    sig::trim(text.trim_start_matches('#'))
}

/// A running-text paragraph: Q&A labels and run-in heads made bold.
fn paragraph(text: &str) -> String {
    static QA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\*\*)?(问|答)\s*[：:](?:\*\*)?\s*").expect("valid regex")
    });
    static RUN_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．])[^。！？；\t]{2,40}?[。：]")
            .expect("valid regex")
    });
    let text = fullwidth(text);
    if let Some(c) = QA.captures(&text) {
        let rest = &text[c.get(0).map_or(0, |m| m.end())..];
        let label = c.get(1).map_or("", |m| m.as_str());
        return format!("**{label}：** {}", escape(rest, false))
            .trim_end()
            .to_string();
    }
    if let Some(m) = RUN_IN.find(&text) {
        let rest = sig::trim(&text[m.end()..]);
        if !rest.is_empty() {
            return format!("**{}** {}", escape(m.as_str(), false), escape(rest, false));
        }
    }
    escape(&text, true)
}

fn item(text: &str) -> String {
    let text = text.strip_prefix("- ").unwrap_or(text);
    format!("- {}", escape(&fullwidth(sig::trim(text)), true))
}

/// Tab-separated rows as a Markdown table. The page gives no header row,
/// and inventing one would add words, so the header is left empty.
fn table(rows: &[Para]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.text
                .split('\t')
                .map(|c| escape(&fullwidth(sig::trim(c)), false).replace('|', "\\|"))
                .collect()
        })
        .collect();
    let width = cells.iter().map(Vec::len).max().unwrap_or(1);
    let line = |row: &[String]| {
        let mut s = String::from("|");
        for i in 0..width {
            s.push(' ');
            s.push_str(row.get(i).map_or("", String::as_str));
            s.push_str(" |");
        }
        s
    };
    let mut out = vec![
        format!("|{}", " |".repeat(width)),
        line(&vec!["---".to_string(); width]),
    ];
    out.extend(cells.iter().map(|r| line(r)));
    out.join("\n")
}

/// Makes ASCII punctuation next to Chinese full-width (see module docs).
pub fn fullwidth(text: &str) -> String {
    let cs: Vec<char> = text.chars().collect();
    let parens = paren_pairs(&cs);
    let mut out: Vec<char> = cs.clone();
    for i in parens {
        out[i] = if cs[i] == '(' { '（' } else { '）' };
    }
    for i in 0..cs.len() {
        let wide = match cs[i] {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '?' => '？',
            '!' => '！',
            _ => continue,
        };
        let prev = i.checked_sub(1).map(|j| out[j]);
        let next = out.get(i + 1).copied();
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let chinese = |c: Option<char>| c.is_some_and(is_cjk_side);
        if (chinese(prev) || chinese(next)) && !(latin(prev) && latin(next)) {
            out[i] = wide;
        }
    }
    out.into_iter().collect()
}

/// Indices of ASCII parentheses to widen: both ends of a matched pair
/// holding Chinese, and unmatched ones touching Chinese.
fn paren_pairs(cs: &[char]) -> Vec<usize> {
    let mut stack = Vec::new();
    let mut out = Vec::new();
    for (i, &c) in cs.iter().enumerate() {
        match c {
            '(' => stack.push(i),
            ')' => match stack.pop() {
                Some(o) if cs[o + 1..i].iter().any(|&c| is_han(c)) => out.extend([o, i]),
                Some(_) => {}
                None if i > 0 && is_han(cs[i - 1]) => out.push(i),
                None => {}
            },
            _ => {}
        }
    }
    out.extend(
        stack
            .into_iter()
            .filter(|&o| cs.get(o + 1).is_some_and(|&c| is_han(c))),
    );
    out
}

/// Backslash-escapes what Markdown would read as markup. With
/// `line_start`, also what only matters at the start of a block: `#`,
/// `>`, `-`, `+`, `=`, `|` and an ordinal like `1.` or `1)`.
pub fn escape(text: &str, line_start: bool) -> String {
    static ORDERED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,9})([.)])").expect("valid regex"));
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '[' | ']' | '~' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    if !line_start {
        return out;
    }
    if out.starts_with(['#', '>', '-', '+', '=', '|']) {
        out.insert(0, '\\');
    } else if let Some(c) = ORDERED.captures(&out) {
        let at = c.get(1).map_or(0, |m| m.end());
        out.insert(at, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(role: ParaRole, text: &str) -> Para {
        Para {
            role,
            text: text.to_string(),
            lines: vec![1],
        }
    }

    #[test]
    fn punctuation_widens_next_to_chinese_only() {
        assert_eq!(
            fullwidth("市委,市政府:今天;好吗?好!"),
            "市委，市政府：今天；好吗？好！"
        );
        assert_eq!(
            fullwidth("(一)提高站位(以下简称《意见》)"),
            "（一）提高站位（以下简称《意见》）"
        );
        assert_eq!(
            fullwidth("按照5:5分红,增长3.5%,10:00开始"),
            "按照5:5分红，增长3.5%,10:00开始"
        );
        assert_eq!(
            fullwidth("GDP, CPI: http://a.cn/x?y=1"),
            "GDP, CPI: http://a.cn/x?y=1"
        );
        assert_eq!(
            fullwidth("电话:023—68606272;邮编:401329"),
            "电话：023—68606272；邮编：401329"
        );
        assert_eq!(fullwidth("(2023—2027)"), "(2023—2027)");
        assert_eq!(fullwidth("华园牧歌(重庆)生态"), "华园牧歌（重庆）生态");
    }

    #[test]
    fn escapes_markup_that_would_change_meaning() {
        assert_eq!(escape("1.用党的创新理论", true), "1\\.用党的创新理论");
        assert_eq!(escape("# 不是标题", true), "\\# 不是标题");
        assert_eq!(escape("a*b*c <x> [y]", false), "a\\*b\\*c \\<x> \\[y\\]");
        assert_eq!(escape("1+1>2", true), "1+1>2");
    }

    #[test]
    fn qa_labels_run_in_heads_tables() {
        let b = body(&[
            para(ParaRole::Text, "**问：**请介绍下《意见》出台的背景和意义。"),
            para(ParaRole::Text, "答:党的二十大"),
        ]);
        assert_eq!(
            b,
            "\n**问：** 请介绍下《意见》出台的背景和意义。\n\n**答：** 党的二十大\n"
        );
        let b = body(&[para(
            ParaRole::Text,
            "(一)提高站位抓整改。市委巡视组反馈意见后",
        )]);
        assert_eq!(b, "\n**（一）提高站位抓整改。** 市委巡视组反馈意见后\n");
        let b = body(&[
            para(ParaRole::Row, "3539\t际华三五三九制鞋有限公司"),
            para(ParaRole::Row, "飞马\t重庆飞亚实业有限公司"),
        ]);
        assert_eq!(b, "\n| | |\n| --- | --- |\n| 3539 | 际华三五三九制鞋有限公司 |\n| 飞马 | 重庆飞亚实业有限公司 |\n");
        let b = body(&[
            para(ParaRole::Heading(2), "### 小标题"),
            para(ParaRole::Item, "- ◆完善"),
            para(ParaRole::Item, "◆持续"),
        ]);
        assert_eq!(b, "\n## 小标题\n\n- ◆完善\n- ◆持续\n");
    }
}
