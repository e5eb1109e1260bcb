//! Slugs: stable ASCII file names from a title's pinyin.
//!
//! `全面打造新时代市域党建新高地` → `quan-mian-da-zao-xin-shi-dai-shi-yu`:
//! one syllable per Chinese character, without tones, ASCII letters and
//! digits kept as words, at most [`MAX_WORDS`] words. The pinyin crate
//! gives each character its most common reading, which is wrong for a few
//! place names this corpus is full of (`重庆` is *chong*qing, not
//! *zhong*qing), so those few words are read from a small table first.
//!
//! A slug is computed once, when an article's file is first created; it is
//! never recomputed after (see `write`), so editing a title never breaks a
//! link.

use super::signals::is_han;
use crate::ids::Slug;
use pinyin::ToPinyin;
use std::collections::HashSet;

/// At most this many words (syllables or ASCII runs) in a slug.
pub const MAX_WORDS: usize = 8;

/// Words whose first reading in the pinyin table is wrong here.
const READINGS: [(&str, &[&str]); 4] = [
    ("重庆", &["chong", "qing"]),
    ("重报", &["chong", "bao"]),
    ("行长", &["hang", "zhang"]),
    ("长江", &["chang", "jiang"]),
];

/// The slug words of `title`.
fn words(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut ascii = String::new();
    let mut rest = title;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_alphanumeric() {
            ascii.push(c.to_ascii_lowercase());
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if !ascii.is_empty() {
            out.push(std::mem::take(&mut ascii));
        }
        if let Some((word, syllables)) = READINGS.iter().find(|(w, _)| rest.starts_with(w)) {
            out.extend(syllables.iter().map(|s| s.to_string()));
            rest = &rest[word.len()..];
            continue;
        }
        if is_han(c) {
            if let Some(p) = c.to_pinyin() {
                out.push(p.plain().to_string());
            }
        }
        rest = &rest[c.len_utf8()..];
    }
    if !ascii.is_empty() {
        out.push(ascii);
    }
    out
}

/// The slug for `title`, not in `taken`: `-2`, `-3`… appended on a clash.
/// A title with nothing pronounceable gets `article`.
pub fn slug_for(title: &str, taken: &HashSet<String>) -> Slug {
    let mut base: Vec<String> = words(title).into_iter().take(MAX_WORDS).collect();
    base.retain(|w| !w.is_empty());
    let base = if base.is_empty() {
        "article".to_string()
    } else {
        base.join("-")
    };
    let base: String = base
        .chars()
        .take(100)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string();
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Slug::new(candidate)
        .unwrap_or_else(|_| Slug::new("article").expect("`article` is a valid slug"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_without_tones_shortened() {
        let s = slug_for(
            "全面打造新时代市域党建新高地和清廉建设高地",
            &HashSet::new(),
        );
        assert_eq!(s.as_str(), "quan-mian-da-zao-xin-shi-dai-shi");
    }

    #[test]
    fn chongqing_and_ascii_words() {
        let s = slug_for("2025年重庆怎样推进", &HashSet::new());
        assert_eq!(s.as_str(), "2025-nian-chong-qing-zen-yang-tui-jin");
        let s = slug_for("九龙坡：加速建设CAR-T", &HashSet::new());
        assert_eq!(s.as_str(), "jiu-long-po-jia-su-jian-she-car");
    }

    #[test]
    fn duplicates_get_numbers_and_empty_titles_a_word() {
        let taken: HashSet<String> = ["ce-shi".to_string(), "ce-shi-2".to_string()].into();
        assert_eq!(slug_for("测试", &taken).as_str(), "ce-shi-3");
        assert_eq!(slug_for("……", &HashSet::new()).as_str(), "article");
    }
}
