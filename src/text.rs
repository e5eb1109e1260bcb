//! Chinese-text helpers every stage shares: which characters are Chinese,
//! what counts as space, and where sentences end.
//!
//! Each helper is defined once here and tested below. Where two callers
//! really need different rules, they get two names that say how they
//! differ ([`is_han`] and [`is_han_or_zero`]; [`short_sentence`] and
//! [`summary_sentence`]), never one name with two meanings. Everything is
//! pure and works on `&str` and `char`; nothing here knows about pages,
//! articles or files.

use std::ops::Range;

/// A Chinese character: one of the CJK unified ideograph blocks (the
/// basic block, extensions A to H) or the compatibility ideographs.
/// `〇` (U+3007) is not one of them: see [`is_han_or_zero`].
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// [`is_han`], or `〇`, the zero of Chinese numerals (`二〇二四年`): the
/// characters the search index reads as one run of Chinese text, so that a
/// year written in Chinese numerals is not cut in two.
pub fn is_han_or_zero(c: char) -> bool {
    c == '\u{3007}' || is_han(c)
}

/// Whitespace, including the invisible characters page dumps carry
/// (zero-width space, BOM, word joiner).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Number of characters (not bytes).
pub fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The marks that end a Chinese sentence: `。！？` (full-width only).
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// The marks that end a sentence in mixed text: `。！？` and their ASCII
/// forms `!?` (not `.`, which also writes decimals and abbreviations).
fn ends_sentence_mixed(c: char) -> bool {
    ends_sentence(c) || matches!(c, '!' | '?')
}

/// `text` up to and including its first `。`, `！` or `？`; all of `text`
/// when it has none.
pub fn first_sentence(text: &str) -> &str {
    match text.char_indices().find(|&(_, c)| ends_sentence(c)) {
        Some((i, c)) => &text[..i + c.len_utf8()],
        None => text,
    }
}

/// `text` up to and including its first `。` only (a `！` or `？` does not
/// end it); all of `text` when it has none.
pub fn through_first_full_stop(text: &str) -> &str {
    let end = text.find('。').map_or(text.len(), |i| i + '。'.len_utf8());
    &text[..end]
}

/// `s` when it has at most `max` characters; else its first `max - 1`
/// characters and `…`, so the result has `max` characters.
pub fn clip(s: &str, max: usize) -> String {
    if chars(s) <= max {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A one-sentence gloss: the [`first_sentence`] (ended by `。！？`),
/// [`clip`]ped to `max` characters with `…`. The glossary's popover text.
pub fn short_sentence(text: &str, max: usize) -> String {
    clip(first_sentence(text), max)
}

/// How many characters of a paragraph or definition a page's meta
/// description and a search result's gloss take ([`summary_sentence`]).
pub const DESCRIPTION_CHARS: usize = 120;

/// A meta description: `text` through its first `。` only, cut to its
/// first `max` characters without an ellipsis. Unlike [`short_sentence`],
/// a `！` or `？` does not end it and a cut is not marked.
pub fn summary_sentence(text: &str, max: usize) -> String {
    through_first_full_stop(text).chars().take(max).collect()
}

/// Byte ranges of the sentences of `text`, each with its end mark (`。！？`,
/// `!?` or a line break) and any closing quotes or brackets after it;
/// surrounding whitespace is left out, and empty sentences are skipped.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !(ends_sentence_mixed(c) || c == '\n') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, q)) = chars.peek() {
            if !matches!(q, '”' | '’' | '」' | '）' | ')') {
                break;
            }
            end = j + q.len_utf8();
            chars.next();
        }
        push_trimmed(&mut out, text, start..end);
        start = end;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

/// Pushes `r` less its leading and trailing whitespace, unless nothing is
/// left.
fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// The sentence of `text` around byte `at`: from after the `。！？!?` before
/// it to just before the next one, without the marks themselves (unlike
/// [`sentences`], which keeps the end mark). `at` must be a character
/// boundary.
pub fn sentence_around(text: &str, at: usize) -> &str {
    let start = text[..at].rfind(ends_sentence_mixed).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[at..]
        .find(ends_sentence_mixed)
        .map_or(text.len(), |i| at + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_is_the_ideograph_blocks() {
        for c in ['中', '㐀', '𠀀', '丽', '龥', '𱍊'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['〇', 'a', '1', '，', '。', '·', '䷀', 'ア', '한'] {
            assert!(!is_han(c), "{c}");
        }
    }

    #[test]
    fn han_or_zero_adds_only_the_numeral_zero() {
        assert!(is_han_or_zero('〇'));
        assert!(is_han_or_zero('二'));
        assert!(!is_han_or_zero('○'), "a circle is not the numeral");
        assert!(!is_han_or_zero('0'));
    }

    #[test]
    fn space_includes_invisible_characters() {
        for c in [' ', '\u{3000}', '\t', '\u{200B}', '\u{FEFF}', '\u{2060}'] {
            assert!(is_space(c), "{c:?}");
        }
        assert!(!is_space('中'));
        assert_eq!(chars("中文ab"), 4);
    }

    #[test]
    fn first_sentence_ends_at_any_full_width_mark() {
        assert_eq!(first_sentence("好吗？好。"), "好吗？");
        assert_eq!(first_sentence("走！再走。"), "走！");
        assert_eq!(first_sentence("没有句号"), "没有句号");
        assert_eq!(
            first_sentence("ok? yes."),
            "ok? yes.",
            "ASCII marks do not end it"
        );
    }

    #[test]
    fn full_stop_sentence_ignores_question_and_exclamation() {
        assert_eq!(through_first_full_stop("好吗？好。再见。"), "好吗？好。");
        assert_eq!(through_first_full_stop("无句号"), "无句号");
    }

    #[test]
    fn clip_marks_a_cut_and_keeps_the_length() {
        assert_eq!(clip("一二三", 3), "一二三");
        assert_eq!(clip("一二三四", 3), "一二…");
        assert_eq!(chars(&clip(&"很".repeat(100), 80)), 80);
    }

    #[test]
    fn short_and_summary_sentences_differ_as_documented() {
        let text = "真的吗？是的。后文。";
        assert_eq!(short_sentence(text, 80), "真的吗？");
        assert_eq!(summary_sentence(text, 120), "真的吗？是的。");
        let long = "长".repeat(130) + "。";
        assert_eq!(short_sentence(&long, 80), "长".repeat(79) + "…");
        assert_eq!(summary_sentence(&long, 120), "长".repeat(120));
    }

    #[test]
    fn sentences_keep_closing_quotes() {
        let text = " 他说：“好。”然后走了！ 尾巴";
        let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(s, ["他说：“好。”", "然后走了！", "尾巴"]);
    }

    #[test]
    fn sentences_break_at_lines_and_ascii_marks() {
        let text = "第一行\n真的?）然后\n\n末句";
        let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(s, ["第一行", "真的?）", "然后", "末句"]);
        assert!(sentences("  \n ").is_empty());
    }

    #[test]
    fn sentence_around_leaves_out_the_marks() {
        let t = "前文。12月26日，会议召开！后文";
        let at = t.find("会议").unwrap();
        assert_eq!(sentence_around(t, at), "12月26日，会议召开");
        assert_eq!(sentence_around(t, 0), "前文");
        assert_eq!(sentence_around(t, t.find("后").unwrap()), "后文");
    }
}
