//! Line discipline: how a source lays out its paragraphs, learned from the
//! page itself before any line is joined to another.
//!
//! Page dumps come in two disciplines, and an editor tells them apart at a
//! glance:
//!
//! - **One paragraph per line.** A crawler saved each paragraph of the web
//!   page as one line: paragraphs are indented with 「　　」 (People's
//!   Daily, provincial dailies), or separated by blank lines, and no line
//!   of prose stops mid-sentence to be continued by the next.
//!   Here a paragraph indent or a blank line *always* ends a paragraph: a
//!   line without sentence punctuation is a heading, a byline, a caption
//!   or a list entry, never the first half of a sentence. Only a line
//!   that follows with neither indent nor blank line can continue one.
//! - **Hard-wrapped.** The page was flattened from a layout (the Chongqing
//!   Daily seeds): lines stop mid-sentence and the sentence goes on in the
//!   next line, sometimes after a blank line or a piece of another
//!   article. Here a line that stops mid-sentence is rejoined with the
//!   text that plainly continues it (see `split`, step 4).
//!
//! On a page of one paragraph per line, runs of three or more short lines
//! without sentence punctuation (names, units, items of a notice) are a
//! list, not a paragraph ([`is_list_entry`]).

use super::signals as sig;

/// How the page lays out paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discipline {
    /// Each paragraph is one line: an indent or blank line ends it.
    Paragraphs,
    /// Lines are wrapped; a broken line is rejoined with its continuation.
    Wrapped,
}

/// The line opens with a paragraph indent: an ideographic space or two
/// ASCII spaces (a tab is a table cell, not an indent).
pub fn is_indented(raw: &str) -> bool {
    let visible = raw.trim_start_matches(['\u{FEFF}', '\u{200B}']);
    visible.starts_with('\u{3000}') || visible.starts_with("  ")
}

/// A line of running prose: not a heading, twelve characters or more,
/// with a comma, colon, semicolon or full stop inside, and not a bulleted
/// summary line (`■…`), which often ends without a stop.
fn is_prose(text: &str) -> bool {
    sig::chars(text) >= 12
        && !text.starts_with('#')
        && text.contains(['，', '。', ',', '；', ';', '：', ':'])
        && !text.starts_with(['■', '●', '◆', '▲', '□'])
}

/// Learns the discipline of a page from its raw lines (see module docs).
/// The page is hard-wrapped only if it shows it and its prose is not
/// mostly indented: two lines of prose stop mid-sentence, or one does and
/// the next line plainly continues it (`造，…`, `的…`) or it is a quarter of
/// the page's prose. Otherwise each line is a paragraph.
pub fn learn<'a>(raw_lines: impl Iterator<Item = &'a str>) -> Discipline {
    let lines: Vec<&str> = raw_lines.filter(|l| !sig::is_blank(l)).collect();
    let (mut prose, mut indented, mut open, mut continued) = (0usize, 0usize, 0usize, false);
    for (i, raw) in lines.iter().enumerate() {
        let text = sig::trim(raw);
        if !is_prose(text) {
            continue;
        }
        prose += 1;
        indented += usize::from(is_indented(raw));
        if sig::ends_open(text) {
            open += 1;
            let next = lines.get(i + 1).map(|n| sig::trim(n));
            continued |= next.is_some_and(|n| sig::continues(text, n));
        }
    }
    let mostly_indented = prose > 0 && indented * 2 >= prose;
    let wrapped = open >= 2 || continued || (open > 0 && open * 4 >= prose);
    if wrapped && !mostly_indented {
        Discipline::Wrapped
    } else {
        Discipline::Paragraphs
    }
}

/// A list entry: a short line (at most 25 characters) with no sentence
/// punctuation, standing for a name, a unit or an item.
pub fn is_list_entry(text: &str) -> bool {
    let t = sig::trim(text);
    (2..=25).contains(&sig::chars(t))
        && !t.contains(['。', '；', ';', '？', '！', '，', ','])
        && !t.ends_with(['：', ':'])
        && !t.starts_with('#')
}

/// A segment head on a page of one paragraph per line: a short line
/// ending in a colon that introduces what follows (`北京科大：`,
/// `全国人大代表、…：`), or a short `地点：…` / `时间：…` line heading a
/// segment of a report. Q&A labels (`问：`) are not segment heads.
pub fn is_segment_head(text: &str) -> bool {
    let t = sig::trim(text);
    let n = sig::chars(t);
    let no_sentence = !t.contains(['。', '，', '；', '？', '！']);
    let ends_colon = (3..=40).contains(&n) && t.ends_with(['：', ':']);
    let labelled = n <= 30
        && ["地点：", "时间：", "主题：", "地点:", "时间:"]
            .iter()
            .any(|p| t.starts_with(p));
    no_sentence && (ends_colon || labelled) && !t.starts_with(['问', '答'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indents_are_ideographic_or_double_spaces() {
        assert!(is_indented("　　本报记者  罗兰"));
        assert!(is_indented("  正文"));
        assert!(!is_indented("正文　　"));
        assert!(!is_indented("\t表格"));
    }

    #[test]
    fn disciplines_from_the_page_itself() {
        let indented = "标题\n　　第一段很长很长很长很长很长很长，很长很长很长很长。\n　　第二段很长很长很长很长很长很长，很长很长很长很长。\n";
        assert_eq!(learn(indented.lines()), Discipline::Paragraphs);
        let markdown = "# 标题\n\n正文，很短。\n";
        assert_eq!(learn(markdown.lines()), Discipline::Paragraphs);
        let wrapped = "近年来，重庆市国资委着力构建很长很长很长\n的体系，很长很长很长很长很长很长很长很长。\n";
        assert_eq!(learn(wrapped.lines()), Discipline::Wrapped);
    }

    #[test]
    fn segment_heads() {
        assert!(is_segment_head("北京科大："));
        assert!(is_segment_head("地点：河北雄安新区"));
        assert!(is_segment_head("全国人大代表、北京科技大学校长杨仁树："));
        assert!(!is_segment_head("问："));
        assert!(!is_segment_head("会议指出，要加强领导："));
    }

    #[test]
    fn list_entries_are_short_and_unpunctuated() {
        assert!(is_list_entry("北京科技大学"));
        assert!(is_list_entry("张三"));
        assert!(!is_list_entry("他说，这是好事。"));
        assert!(!is_list_entry("地点："));
    }
}
