//! Lead snippets: the paragraph text that the first page of results shows
//! for a query naming a glossary form, shipped next to the form's list in
//! its postings shard.
//!
//! Without them a slogan costs two rounds of fetches: its shard ranks the
//! articles, then up to ten text chunks (one per article shown) give the
//! snippets. With them the shard alone answers, snippets included. Only
//! what a snippet shows is kept: a window of the paragraph around the
//! form's first occurrence, cut where the page would cut it.
//!
//! The ranking here must be the browser's for a query that is the form
//! alone (`gather` and `rankExact` in `templates/static/search-core.js`):
//! each article scores its paragraphs in the list, plus [`TITLE_WEIGHT`]
//! when its title holds the form; ties go to the earlier article. A query
//! ranked otherwise (a term's aliases added, several phrases) still finds
//! these windows by paragraph and fetches text only for what is missing.

use super::edition::Edition;
use super::postings::Postings;
use super::tokens::{for_each_run, normalize_char, Class, Key};
use std::collections::HashMap;

/// Articles on the first page of results (`limit` in search-core.js).
pub const LEAD_ARTICLES: usize = 10;

/// Snippets shown per article (`perArticle` in search-core.js).
pub const LEAD_PARAGRAPHS: usize = 3;

/// What a match in the title weighs (`TITLE_WEIGHT` in search-core.js).
pub const TITLE_WEIGHT: usize = 5;

/// Characters kept before the match and after it. The page shows 20
/// UTF-16 units before the first match and 60 in all; a few more are kept
/// so that the window still holds the snippet when the page moves its
/// edge by a unit (a surrogate pair at the cut).
const BEFORE: usize = 24;
const AFTER: usize = 64;

/// The key under which the browser looks a form up as one exact list: its
/// own `=form` list when it needs several tokens, else the one token that
/// is the whole form (清廉, 33618). `None` when the browser must check the
/// form against paragraph text.
pub(super) fn exact_key(form: &str, postings: &Postings) -> Option<Key> {
    let form_key = Key::Form(form.into());
    if postings.lists.contains_key(&form_key) {
        return Some(form_key);
    }
    let chars: Vec<char> = form.chars().collect();
    let mut runs = Vec::new();
    for_each_run(&chars, |kind, run| runs.push((kind, run.len())));
    match runs.as_slice() {
        [(Class::Han, 1)] => Some(Key::han(chars[0], None)),
        [(Class::Han, 2)] => Some(Key::han(chars[0], Some(chars[1]))),
        [(Class::Word, _)] => Some(Key::Word(form.into())),
        _ => None,
    }
}

/// `[[paragraph, anchor, "window", cut], …]` for `form` (normalised)
/// whose list is `list`: the first [`LEAD_PARAGRAPHS`] paragraphs of the
/// top [`LEAD_ARTICLES`] articles. `cut` is 1 when the window starts
/// inside the paragraph, plus 2 when it ends inside it. `None` when no
/// article shown has a paragraph.
pub(super) fn leads_json(form: &str, list: &[u32], edition: &Edition) -> Option<String> {
    let mut leads = Vec::new();
    for (lo, hi) in top_articles(form, list, edition) {
        for &g in &list[lo..hi.min(lo + LEAD_PARAGRAPHS)] {
            let (anchor, text) = edition.paragraphs[g as usize];
            if let Some((window, cut)) = window(text, form) {
                leads.push((g, anchor, window, cut));
            }
        }
    }
    if leads.is_empty() {
        return None;
    }
    Some(serde_json::to_string(&leads).unwrap_or_default())
}

/// The list ranges (paragraphs of one article) of the first page of
/// results, best first; articles shown for their title alone have none.
fn top_articles(form: &str, list: &[u32], edition: &Edition) -> Vec<(usize, usize)> {
    let titled = edition.titled(form);
    // article → (bound, range in the list)
    let mut entries: HashMap<usize, (usize, usize, usize)> = HashMap::new();
    let mut lo = 0;
    while lo < list.len() {
        let a = edition.article_of(list[lo]);
        let next = edition.firsts.get(a + 1).copied().unwrap_or(u32::MAX);
        let hi = lo + list[lo..].partition_point(|&g| g < next);
        entries.insert(a, (hi - lo, lo, hi));
        lo = hi;
    }
    for &a in &titled {
        let e = entries.entry(a).or_insert((0, 0, 0));
        e.0 += TITLE_WEIGHT;
    }
    let mut ranked: Vec<(usize, (usize, usize, usize))> = entries.into_iter().collect();
    ranked.sort_unstable_by(|x, y| y.1 .0.cmp(&x.1 .0).then(x.0.cmp(&y.0)));
    ranked
        .into_iter()
        .take(LEAD_ARTICLES)
        .map(|(_, (_, lo, hi))| (lo, hi))
        .filter(|(lo, hi)| hi > lo)
        .collect()
}

/// The part of `text` a snippet of `form` shows, and how it was cut.
fn window(text: &str, form: &str) -> Option<(String, u8)> {
    let chars: Vec<char> = text.chars().collect();
    let normal: Vec<char> = chars.iter().copied().map(normalize_char).collect();
    let needle: Vec<char> = form.chars().collect();
    if needle.is_empty() {
        return None;
    }
    let at = normal.windows(needle.len()).position(|w| w == needle)?;
    let start = at.saturating_sub(BEFORE);
    let end = (at + needle.len() + AFTER).min(chars.len());
    let cut = u8::from(start > 0) | (u8::from(end < chars.len()) << 1);
    Some((chars[start..end].iter().collect(), cut))
}

/// Every exact glossary form's leads, as `(token, JSON)` with the form's
/// own token: the shard writer files them under [`LEAD_MARK`](super::LEAD_MARK) and that
/// token, in the shard the token hashes to, beside the form's list.
pub(super) fn all_leads(
    forms: &[String],
    postings: &Postings,
    edition: &Edition,
) -> Vec<(String, String)> {
    use rayon::prelude::*;
    forms
        .par_iter()
        .filter_map(|form| {
            let key = exact_key(form, postings)?;
            let list = postings.lists.get(&key)?.to_vec();
            let json = leads_json(form, &list, edition)?;
            Some((key.into_token(), json))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles of `(title, paragraphs)`, anchors from 1.
    fn edition<'a>(articles: &'a [(&'a str, Vec<&'a str>)]) -> Edition<'a> {
        Edition::of(
            articles.iter().map(|(_, ps)| {
                ps.iter()
                    .enumerate()
                    .map(|(i, p)| (i as u32 + 1, *p))
                    .collect()
            }),
            articles.iter().map(|(t, _)| *t),
        )
    }

    /// The paragraphs (global numbers) whose leads `form` gets.
    fn lead_paragraphs(form: &str, list: &[u32], ed: &Edition) -> Vec<u64> {
        let json = leads_json(form, list, ed).unwrap_or_else(|| "[]".into());
        let v: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        v.iter().map(|l| l[0].as_u64().unwrap()).collect()
    }

    #[test]
    fn leads_follow_the_browsers_ranking_title_weight_and_ties() {
        let f = "两个确立";
        let articles = [
            ("甲", vec!["两个确立一"]),                             // 0: 1
            ("乙", vec!["两个确立二", "两个确立三", "两个确立四"]), // 1–3: 3
            ("两个确立", vec!["无关"]),                             // 4: title only, 5
            ("两个确立丙", vec!["两个确立五", "两个确立六"]),       // 5–6: 2 + 5
            ("丁", vec!["两个确立七"]),                             // 7: 1, ties with 甲
        ];
        let ed = edition(&articles);
        let list = [0, 1, 2, 3, 5, 6, 7];
        // 丙 (7), then 乙 (3, only its first three), then 甲 and 丁 (1 each,
        // earlier article first); the title-only article has no paragraph.
        let ranked = top_articles(f, &list, &ed);
        assert_eq!(ranked, [(4, 6), (1, 4), (0, 1), (6, 7)]);
        assert_eq!(lead_paragraphs(f, &list, &ed), [5, 6, 1, 2, 3, 0, 7]);
    }

    #[test]
    fn leads_cover_one_page_of_articles_and_three_paragraphs_each() {
        let articles: Vec<(&str, Vec<&str>)> = (0..12)
            .map(|_| ("题", vec!["清廉一", "清廉二", "清廉三", "清廉四"]))
            .collect();
        let ed = edition(&articles);
        let list: Vec<u32> = (0..48).collect();
        let got = lead_paragraphs("清廉", &list, &ed);
        assert_eq!(got.len(), LEAD_ARTICLES * LEAD_PARAGRAPHS);
        assert_eq!(&got[..4], [0, 1, 2, 4]);
        assert!(
            got.iter().all(|&g| g < 40),
            "the 11th and 12th articles get none"
        );
    }

    #[test]
    fn a_form_is_looked_up_by_its_own_list_or_its_one_token() {
        let mut lists = rustc_hash::FxHashMap::default();
        let list = super::super::list::PostingList::of_sorted(&[0]);
        lists.insert(Key::Form("两个确立".into()), list);
        let p = Postings {
            lists,
            total: 1,
            keys: 1,
        };
        assert_eq!(
            exact_key("两个确立", &p),
            Some(Key::Form("两个确立".into()))
        );
        assert_eq!(exact_key("清廉", &p), Some(Key::han('清', Some('廉'))));
        assert_eq!(exact_key("33618", &p), Some(Key::Word("33618".into())));
        // Two words, or a form found nowhere: the browser checks the text.
        assert_eq!(exact_key("car-t", &p), None);
        assert_eq!(exact_key("三攻坚一盘活", &p), None);
    }

    #[test]
    fn a_window_keeps_the_context_the_page_shows_and_says_where_it_was_cut() {
        let text = format!("{}两个确立{}", "前".repeat(40), "后".repeat(100));
        let (w, cut) = window(&text, "两个确立").unwrap();
        assert_eq!(
            w,
            format!("{}两个确立{}", "前".repeat(BEFORE), "后".repeat(AFTER))
        );
        assert_eq!(cut, 3);
        let (w, cut) = window("坚持两个确立。", "两个确立").unwrap();
        assert_eq!((w.as_str(), cut), ("坚持两个确立。", 0));
        assert_eq!(
            window("ＧＤＰ增长", "gdp").unwrap(),
            ("ＧＤＰ增长".to_string(), 0)
        );
        assert!(window("两个方面，确立机制", "两个确立").is_none());
    }
}
