//! The postings of the search index: every token's sorted list of global
//! paragraph numbers, spread over shard files by the token's hash, each
//! glossary form's leads in the same shard as its list.

use super::edition::Edition;
use super::files::to_json;
use super::list::PostingList;
use super::tokens::{
    for_each_key, for_each_run, normalize_char, query_token_count, token_hash, Class, Key,
    LEAD_MARK,
};
use crate::error::Result;
use crate::glossary::ArticleText;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// Target size of a postings shard in bytes of JSON.
pub const SHARD_BYTES: usize = 64 * 1024;

/// The most postings shards; a power of two. At 10,000 articles the
/// postings fill 1,024 shards of [`SHARD_BYTES`]; the cap only keeps a
/// much larger edition's shards from growing past a few hundred KB (at
/// 1,024 they would be about 430 KB each at 100,000 articles).
pub const MAX_SHARDS: usize = 4096;

/// Token → sorted global paragraph numbers.
pub(super) struct Postings {
    pub(super) lists: HashMap<Key, PostingList>,
    pub(super) total: usize,
}

impl Postings {
    /// Built in parallel over runs of articles, then merged in order, so
    /// every list stays sorted. Tokens are packed keys, not strings: an
    /// edition of 10,000 articles has tens of millions of token instances.
    pub(super) fn of(corpus: &[Cow<ArticleText>]) -> Postings {
        use rayon::prelude::*;
        let mut firsts = Vec::with_capacity(corpus.len());
        let mut g = 0u32;
        for a in corpus {
            firsts.push(g);
            g += a.paragraphs.len() as u32;
        }
        let per = corpus
            .len()
            .div_ceil(4 * rayon::current_num_threads())
            .max(64);
        let parts: Vec<Postings> = (0..corpus.len().div_ceil(per))
            .into_par_iter()
            .map(|n| {
                let range = n * per..((n + 1) * per).min(corpus.len());
                Postings::of_articles(&corpus[range.clone()], firsts[range.start])
            })
            .collect();
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or(Postings {
            lists: HashMap::default(),
            total: 0,
        });
        for part in parts {
            all.total += part.total;
            for (key, list) in part.lists {
                all.lists.entry(key).or_default().append(&list);
            }
        }
        all.lists.values_mut().for_each(PostingList::shrink_to_fit);
        all
    }

    /// The postings of consecutive articles whose first paragraph has
    /// global number `first`.
    fn of_articles(articles: &[Cow<ArticleText>], first: u32) -> Postings {
        let mut lists: HashMap<Key, PostingList> = HashMap::default();
        let mut total = 0;
        let mut chars = Vec::new();
        let paragraphs = articles.iter().flat_map(|a| &a.paragraphs);
        for (g, p) in paragraphs.enumerate() {
            let g = first + g as u32;
            for_each_key(&p.text, &mut chars, |key| {
                let list = lists.entry(key).or_default();
                // Paragraphs come in order, so a repeat is always the last.
                if list.last() != Some(g) {
                    list.push(g);
                    total += 1;
                }
            });
        }
        Postings { lists, total }
    }

    /// Adds a list of its own for every form of `glossary` that the
    /// browser would otherwise have to verify against paragraph text,
    /// because it needs two tokens or more: the paragraphs having all the
    /// form's tokens, kept where the form stands whole. A query naming a slogan then needs no paragraph text
    /// to be ranked. Returns the forms, for the head file.
    pub(super) fn add_forms(&mut self, glossary: &[String], edition: &Edition) -> Vec<String> {
        use rayon::prelude::*;
        let forms: Vec<String> = glossary
            .iter()
            .filter(|f| query_token_count(f) >= 2)
            .cloned()
            .collect();
        let lists: Vec<Vec<u32>> = forms
            .par_iter()
            .map(|form| self.form_list(form, edition))
            .collect();
        for (form, list) in forms.iter().zip(lists) {
            if !list.is_empty() {
                self.total += list.len();
                let list = PostingList::of_sorted(&list);
                self.lists.insert(Key::Form(form.as_str().into()), list);
            }
        }
        forms
    }

    /// The paragraphs where `form` (normalised) stands whole.
    fn form_list(&self, form: &str, edition: &Edition) -> Vec<u32> {
        let mut keys = Vec::new();
        let chars: Vec<char> = form.chars().collect();
        for_each_run(&chars, |kind, run| match kind {
            Class::Han if run.len() == 1 => keys.push(Key::han(run[0], None)),
            Class::Han => keys.extend(run.windows(2).map(|w| Key::han(w[0], Some(w[1])))),
            Class::Word => keys.push(Key::Word(run.iter().collect::<String>().into())),
            Class::Other => {}
        });
        let mut lists: Vec<Vec<u32>> = Vec::with_capacity(keys.len());
        for key in &keys {
            match self.lists.get(key) {
                Some(list) => lists.push(list.to_vec()),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        let Some((first, rest)) = lists.split_first() else {
            return Vec::new();
        };
        // Normalising leaves Han characters alone, so an all-Han form is
        // found in the raw text without copying it.
        let han_only = form.chars().all(crate::text::is_han_or_zero);
        let mut normalised = String::new();
        first
            .iter()
            .copied()
            .filter(|g| rest.iter().all(|l| l.binary_search(g).is_ok()))
            .filter(|&g| {
                let text = edition.text(g);
                if han_only {
                    return text.contains(form);
                }
                normalised.clear();
                normalised.extend(text.chars().map(normalize_char));
                normalised.contains(form)
            })
            .collect()
    }

    /// Enough shards of about [`SHARD_BYTES`], a power of two: a delta
    /// costs about three bytes of JSON; `extra` bytes ship beside them.
    pub(super) fn shard_count(&self, extra: usize) -> usize {
        let bytes = self.total * 3 + self.lists.len() * 8 + extra;
        bytes
            .div_ceil(SHARD_BYTES)
            .next_power_of_two()
            .clamp(1, MAX_SHARDS)
    }

    /// The shard files, each list in its token's shard and each form's
    /// leads (`(token, JSON)`) in the same shard as the form's list,
    /// handed to `emit` (with their number) one by one as they are made.
    pub(super) fn into_shards(
        self,
        shards: usize,
        leads: Vec<(String, String)>,
        emit: &(dyn Fn(usize, String) -> Result<()> + Sync),
    ) -> Result<()> {
        use rayon::prelude::*;
        let mut buckets: Vec<Shard> = vec![Shard::default(); shards];
        for (key, list) in self.lists {
            let token = key.into_token();
            let n = token_hash(&token) as usize % shards;
            buckets[n].lists.push((token, list));
        }
        for (token, json) in leads {
            let n = token_hash(&token) as usize % shards;
            buckets[n].leads.push((format!("{LEAD_MARK}{token}"), json));
        }
        (buckets.into_par_iter().enumerate()).try_for_each(|(n, mut b)| {
            b.lists.sort_unstable_by(|x, y| x.0.cmp(&y.0));
            b.leads.sort_unstable();
            let json = shard_json(&b);
            drop(b);
            emit(n, json)
        })
    }
}

/// What one postings shard holds before it is written.
#[derive(Clone, Default)]
struct Shard {
    /// `(token, paragraph numbers)`, sorted by token.
    lists: Vec<(String, PostingList)>,
    /// `(#token, JSON of its leads)`, sorted.
    leads: Vec<(String, String)>,
}

/// `[first, delta, delta…]` of a sorted list.
pub fn delta_encode(sorted: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    sorted
        .iter()
        .map(|&n| {
            let d = n - prev;
            prev = n;
            d
        })
        .collect()
}

/// `n` in decimal: what `write!(out, "{n}")` writes, without the
/// formatting machinery, which was a tenth of the index's time (a shard
/// file is mostly numbers).
fn push_decimal(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// `{"token":[first,delta…],…,"#token":[leads…],…}`, written directly:
/// building a JSON value tree first costs more than the rest of the index.
/// Each list is written as its gaps.
fn shard_json(shard: &Shard) -> String {
    let entries = &shard.lists;
    let mut out = String::with_capacity(entries.len() * 16);
    out.push('{');
    for (i, (token, list)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&to_json(token));
        out.push_str(":[");
        for (j, gap) in list.gaps().enumerate() {
            if j > 0 {
                out.push(',');
            }
            push_decimal(&mut out, gap);
        }
        out.push(']');
    }
    for (i, (token, json)) in shard.leads.iter().enumerate() {
        if i > 0 || !entries.is_empty() {
            out.push(',');
        }
        out.push_str(&to_json(token));
        out.push(':');
        out.push_str(json);
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn shards_are_json_of_deltas() {
        let entries = vec![
            ("a".to_string(), PostingList::of_sorted(&[3, 4, 10])),
            ("确立".to_string(), PostingList::of_sorted(&[0])),
        ];
        let shard = Shard {
            lists: entries,
            leads: vec![("#确立".into(), r#"[[0,1,"确立",0]]"#.into())],
        };
        let json = shard_json(&shard);
        assert_eq!(
            json,
            r##"{"a":[3,1,6],"确立":[0],"#确立":[[0,1,"确立",0]]}"##
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["a"], serde_json::json!([3, 1, 6]));
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 100, 65_535, 1_000_000, u32::MAX] {
            let mut out = String::from("[");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("[{n}"));
        }
    }

    #[test]
    fn deltas_of_a_sorted_list() {
        assert_eq!(delta_encode(&[3, 4, 10, 11]), [3, 1, 6, 1]);
        assert!(delta_encode(&[]).is_empty());
    }
}
