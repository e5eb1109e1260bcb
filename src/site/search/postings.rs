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
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
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
    /// How many numbers the whole index's lists hold.
    pub(super) total: usize,
    /// How many lists the whole index has. Both are the whole index's even
    /// when `lists` holds one group's: the shard count depends on them.
    pub(super) keys: usize,
}

/// Which tokens' lists a pass over the corpus gathers: those whose hash
/// is `index` modulo `of`. A group holds whole shards, as the shard
/// count is a power of two and `of` one that divides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Group {
    /// This group.
    pub(super) index: u32,
    /// How many groups there are.
    pub(super) of: u32,
}

impl Group {
    /// Whether the token of hash `hash` is in the group.
    pub(super) fn holds(self, hash: u32) -> bool {
        hash % self.of == self.index
    }
}

/// What one pass over the corpus gathers: the lists of a group's tokens
/// and of the tokens in `also` (the glossary forms' own), and, with
/// `census`, how many lists and numbers the whole index has.
pub(super) struct Pass<'a> {
    pub(super) group: Group,
    pub(super) also: Option<&'a HashSet<Key>>,
    pub(super) census: bool,
}

/// What one run of articles gives a pass.
struct Part {
    lists: HashMap<Key, PostingList>,
    /// Every token seen, with the last paragraph it was counted in (a
    /// census only).
    seen: HashMap<Key, u32>,
    /// Numbers counted: in the lists, or, in a census, in all lists.
    total: usize,
}

impl Part {
    /// The part of `pass` over consecutive articles whose first paragraph
    /// has global number `first`.
    fn of(articles: &[Cow<ArticleText>], first: u32, pass: &Pass<'_>) -> Part {
        let mut part = Part {
            lists: HashMap::default(),
            seen: HashMap::default(),
            total: 0,
        };
        let mut chars = Vec::new();
        let paragraphs = articles.iter().flat_map(|a| &a.paragraphs);
        for (g, p) in paragraphs.enumerate() {
            let g = first + g as u32;
            for_each_key(&p.text, &mut chars, |key, hash| {
                part.add(key, hash, g, pass)
            });
        }
        part
    }

    /// Counts `key` (of hash `hash`) in paragraph `g`, and lists it if
    /// the pass keeps it.
    fn add(&mut self, key: Key, hash: u32, g: u32, pass: &Pass<'_>) {
        if pass.census {
            match self.seen.get_mut(&key) {
                Some(last) if *last == g => {}
                Some(last) => {
                    *last = g;
                    self.total += 1;
                }
                None => {
                    self.seen.insert(key.clone(), g);
                    self.total += 1;
                }
            }
        }
        let keep = pass.group.holds(hash) || pass.also.is_some_and(|a| a.contains(&key));
        if keep {
            let list = self.lists.entry(key).or_default();
            // Paragraphs come in order, so a repeat is always the last.
            if list.last() != Some(g) {
                list.push(g);
                if !pass.census {
                    self.total += 1;
                }
            }
        }
    }
}

impl Postings {
    /// What `pass` gathers. Built in parallel over runs of articles, then
    /// merged in order, so every list stays sorted. Tokens are packed
    /// keys, not strings: an edition of 10,000 articles has tens of
    /// millions of token instances.
    pub(super) fn gather(corpus: &[Cow<ArticleText>], pass: &Pass<'_>) -> Postings {
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
        let parts: Vec<Part> = (0..corpus.len().div_ceil(per))
            .into_par_iter()
            .map(|n| {
                let range = n * per..((n + 1) * per).min(corpus.len());
                Part::of(&corpus[range.clone()], firsts[range.start], pass)
            })
            .collect();
        Postings::merge(parts, pass.census)
    }

    /// The lists of `group`, with those of the glossary forms' own
    /// `forms` that fall in it (gathered by the first pass): a pass after
    /// the first.
    pub(super) fn of_group(
        corpus: &[Cow<ArticleText>],
        group: Group,
        forms: &[(Key, PostingList)],
    ) -> Postings {
        let pass = Pass {
            group,
            also: None,
            census: false,
        };
        let mut postings = Postings::gather(corpus, &pass);
        let forms = forms.iter().filter(|(k, _)| group.holds(k.hash()));
        postings.lists.extend(forms.cloned());
        postings
    }

    /// The parts' lists, each token's joined in order, and their counts.
    fn merge(parts: Vec<Part>, census: bool) -> Postings {
        let total = parts.iter().map(|p| p.total).sum();
        let mut seen = HashSet::default();
        let mut maps = Vec::with_capacity(parts.len());
        for part in parts {
            seen.extend(part.seen.into_keys());
            maps.push(part.lists);
        }
        let mut lists = HashMap::default();
        for i in 0..maps.len() {
            let (done, later) = maps.split_at_mut(i + 1);
            for (key, list) in done[i].drain() {
                let mut pieces = vec![list];
                pieces.extend(later.iter_mut().filter_map(|m| m.remove(&key)));
                lists.insert(key, PostingList::concat(&pieces));
            }
        }
        let keys = if census { seen.len() } else { lists.len() };
        Postings { lists, total, keys }
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
                if self
                    .lists
                    .insert(Key::Form(form.as_str().into()), list)
                    .is_none()
                {
                    self.keys += 1;
                }
            }
        }
        forms
    }

    /// The paragraphs where `form` (normalised) stands whole.
    fn form_list(&self, form: &str, edition: &Edition) -> Vec<u32> {
        let keys = form_keys(form);
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
        let bytes = self.total * 3 + self.keys * 8 + extra;
        bytes
            .div_ceil(SHARD_BYTES)
            .next_power_of_two()
            .clamp(1, MAX_SHARDS)
    }

    /// The shard files of `group` (the lists must be the group's, and
    /// may be more), each list in its token's shard and each form's leads
    /// (`(token, JSON)`) in the same shard as the form's list, handed to
    /// `emit` (with their number) one by one as they are made.
    pub(super) fn into_shards(
        self,
        shards: usize,
        group: Group,
        leads: Vec<(String, String)>,
        emit: &(dyn Fn(usize, String) -> Result<()> + Sync),
    ) -> Result<()> {
        use rayon::prelude::*;
        let of = group.of as usize;
        debug_assert!(shards.is_multiple_of(of), "{of} groups of {shards} shards");
        // Shard `n` of the group is bucket `n / of`.
        let mut buckets: Vec<Shard> = vec![Shard::default(); shards / of];
        for (key, list) in self.lists {
            let token = key.into_token();
            let hash = token_hash(&token);
            if group.holds(hash) {
                buckets[hash as usize % shards / of]
                    .lists
                    .push((token, list));
            }
        }
        for (token, json) in leads {
            let hash = token_hash(&token);
            if group.holds(hash) {
                let n = hash as usize % shards / of;
                buckets[n].leads.push((format!("{LEAD_MARK}{token}"), json));
            }
        }
        (buckets.into_par_iter().enumerate()).try_for_each(|(b, mut shard)| {
            shard.lists.sort_unstable_by(|x, y| x.0.cmp(&y.0));
            shard.leads.sort_unstable();
            let json = shard_json(&shard);
            drop(shard);
            emit(b * of + group.index as usize, json)
        })
    }
}

/// The tokens of `form` (normalised) as the browser looks them up: each
/// Han character of a one-character run, the character pairs of longer
/// runs, and whole words.
pub(super) fn form_keys(form: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    let chars: Vec<char> = form.chars().collect();
    for_each_run(&chars, |kind, run| match kind {
        Class::Han if run.len() == 1 => keys.push(Key::han(run[0], None)),
        Class::Han => keys.extend(run.windows(2).map(|w| Key::han(w[0], Some(w[1])))),
        Class::Word => keys.push(Key::Word(run.iter().collect::<String>().into())),
        Class::Other => {}
    });
    keys
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
