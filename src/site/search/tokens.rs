//! Tokens of the search index: how text is cut into the keys the
//! browser looks up. Text is normalised one character at a time
//! ([`normalize_char`]); a run of Han characters gives its unigrams and
//! bigrams, a run of ASCII letters and digits one word. The JavaScript
//! tokeniser (`templates/static/search-core.js`) must cut the same way.
//! Han here is [`is_han_or_zero`]: `二〇二四年` stays one run.

use crate::text::is_han_or_zero;

/// Normalises one character for indexing and matching: full-width ASCII
/// forms become ASCII, ASCII letters become lowercase. Every character
/// maps to exactly one, so offsets survive normalisation.
pub fn normalize_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Han,
    Word,
    Other,
}

fn class(c: char) -> Class {
    if is_han_or_zero(c) {
        Class::Han
    } else if c.is_ascii_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    }
}

/// The index tokens of `text`, in order, with repeats: Han bigrams and
/// unigrams, whole ASCII words. The browser tokenises queries the same way.
pub fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().map(normalize_char).collect();
    let mut out = Vec::new();
    for_each_run(&chars, |kind, run| match kind {
        Class::Han => {
            out.extend(run.iter().map(|c| c.to_string()));
            out.extend(run.windows(2).map(|w| w.iter().collect::<String>()));
        }
        Class::Word => out.push(run.iter().collect()),
        Class::Other => {}
    });
    out
}

/// Calls `f` with each maximal run of characters of one class, in order:
/// the one place text is cut into Han runs and words, for both the
/// readable tokens and the packed keys.
pub(super) fn for_each_run(chars: &[char], mut f: impl FnMut(Class, &[char])) {
    let mut start = 0;
    while start < chars.len() {
        let kind = class(chars[start]);
        let end = (start..chars.len())
            .find(|&i| class(chars[i]) != kind)
            .unwrap_or(chars.len());
        f(kind, &chars[start..end]);
        start = end;
    }
}

/// 32-bit FNV-1a of the token's UTF-8 bytes: which shard holds it.
pub fn token_hash(token: &str) -> u32 {
    token.bytes().fold(FNV_BASIS, fnv_byte)
}

/// Where FNV-1a starts.
const FNV_BASIS: u32 = 0x811c_9dc5;

/// FNV-1a of one more byte.
fn fnv_byte(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

/// FNV-1a of one more character's UTF-8 bytes, worked out rather than
/// encoded: a pass over the corpus hashes every token instance.
fn fnv_char(h: u32, c: char) -> u32 {
    let c = c as u32;
    let bytes = |h, bytes: &[u32]| bytes.iter().fold(h, |h, &b| fnv_byte(h, b as u8));
    match c {
        0..=0x7f => fnv_byte(h, c as u8),
        0x80..=0x7ff => bytes(h, &[0xc0 | (c >> 6), 0x80 | (c & 0x3f)]),
        0x800..=0xffff => bytes(
            h,
            &[
                0xe0 | (c >> 12),
                0x80 | ((c >> 6) & 0x3f),
                0x80 | (c & 0x3f),
            ],
        ),
        _ => bytes(
            h,
            &[
                0xf0 | (c >> 18),
                0x80 | ((c >> 12) & 0x3f),
                0x80 | ((c >> 6) & 0x3f),
                0x80 | (c & 0x3f),
            ],
        ),
    }
}

/// A token as a hash key without allocating: a Han unigram or bigram
/// packed into one integer, or an ASCII word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    /// One or two Han characters: `first << 32 | second` (0 for none;
    /// a Han character is never NUL).
    Han(u64),
    /// A run of ASCII letters and digits.
    Word(Box<str>),
    /// A whole glossary form (normalised), written `=<form>`: its list
    /// holds exactly the paragraphs where the form stands whole.
    Form(Box<str>),
}

impl Key {
    pub(super) fn han(a: char, b: Option<char>) -> Key {
        Key::Han((u64::from(a) << 32) | b.map_or(0, u64::from))
    }

    /// [`token_hash`] of the key's token, without making the token.
    pub(super) fn hash(&self) -> u32 {
        match self {
            Key::Han(k) => {
                let chars = [k >> 32, k & 0xffff_ffff].map(|c| char::from_u32(c as u32));
                (chars.into_iter().flatten())
                    .filter(|&c| c != '\0')
                    .fold(FNV_BASIS, fnv_char)
            }
            Key::Word(w) => token_hash(w),
            Key::Form(f) => f.chars().fold(fnv_char(FNV_BASIS, FORM_MARK), fnv_char),
        }
    }

    pub(super) fn into_token(self) -> String {
        match self {
            Key::Han(k) => [k >> 32, k & 0xffff_ffff]
                .into_iter()
                .filter(|&c| c != 0)
                .filter_map(|c| char::from_u32(c as u32))
                .collect(),
            Key::Word(w) => w.into(),
            Key::Form(f) => format!("{FORM_MARK}{f}"),
        }
    }
}

/// What starts the token of a whole glossary form; never part of a Han
/// token or a word.
pub const FORM_MARK: char = '=';

/// What marks a form's leads in its shard: `#<token>` beside `<token>`.
/// Never the start of an index token.
pub const LEAD_MARK: char = '#';

/// How many tokens the browser looks up for a phrase (see `queryTokens` in
/// search-core.js): a Han run's bigrams, or its one character; a word.
pub(super) fn query_token_count(phrase: &str) -> usize {
    let chars: Vec<char> = phrase.chars().map(normalize_char).collect();
    let mut n = 0;
    for_each_run(&chars, |kind, run| match kind {
        Class::Han => n += run.len().saturating_sub(1).max(1),
        Class::Word => n += 1,
        Class::Other => {}
    });
    n
}

/// Calls `f` with every index token of `text` and its [`token_hash`], as
/// [`tokens`] lists them (Han unigrams of a run, then its bigrams; whole
/// ASCII words), without allocating for Han tokens. `chars` is scratch
/// space.
pub(super) fn for_each_key(text: &str, chars: &mut Vec<char>, mut f: impl FnMut(Key, u32)) {
    chars.clear();
    chars.extend(text.chars().map(normalize_char));
    for_each_run(chars, |kind, run| match kind {
        Class::Han => {
            run.iter()
                .for_each(|&c| f(Key::han(c, None), fnv_char(FNV_BASIS, c)));
            run.windows(2).for_each(|w| {
                let hash = fnv_char(fnv_char(FNV_BASIS, w[0]), w[1]);
                f(Key::han(w[0], Some(w[1])), hash)
            });
        }
        Class::Word => {
            let word: Box<str> = run.iter().collect::<String>().into();
            let hash = token_hash(&word);
            f(Key::Word(word), hash)
        }
        Class::Other => {}
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn han_runs_give_unigrams_and_bigrams() {
        assert_eq!(
            tokens("两个确立"),
            ["两", "个", "确", "立", "两个", "个确", "确立"]
        );
    }

    #[test]
    fn ascii_runs_are_whole_lowercase_words() {
        assert_eq!(tokens("“33618”体系"), ["33618", "体", "系", "体系"]);
        assert_eq!(tokens("ＧＤＰ增长"), ["gdp", "增", "长", "增长"]);
        assert_eq!(tokens("CAR-T"), ["car", "t"]);
    }

    #[test]
    fn punctuation_separates_runs() {
        assert_eq!(tokens("清，廉"), ["清", "廉"]);
        assert!(tokens("，。、“”").is_empty());
    }

    #[test]
    fn normalisation_keeps_one_char_per_char() {
        let s = "ＡＢ１２，Ab两";
        let n: String = s.chars().map(normalize_char).collect();
        assert_eq!(n, "ab12,ab两");
        assert_eq!(n.chars().count(), s.chars().count());
    }

    /// The same values are checked in `tests/browser/search_core.test.mjs`,
    /// so the browser finds the shard the builder wrote.
    #[test]
    fn fnv1a_matches_the_javascript() {
        assert_eq!(token_hash(""), 0x811c_9dc5);
        assert_eq!(token_hash("a"), 0xe40c_292c);
        assert_eq!(token_hash("确立"), 0x2a17_6440);
        assert_eq!(token_hash("33618"), 0xe20b_d846);
    }

    #[test]
    fn packed_keys_are_the_tokens() {
        let text = "两个确立，ＧＤＰ增长33618CAR-T清";
        let mut keys = Vec::new();
        for_each_key(text, &mut Vec::new(), |k, _| keys.push(k.into_token()));
        assert_eq!(keys, tokens(text));
    }

    #[test]
    fn a_keys_hash_is_its_tokens() {
        let text = "两个确立，ＧＤＰ增长33618CAR-T清𠀀𠀁éß";
        let mut keys = vec![Key::Form("两个确立".into()), Key::Form("café𠀀".into())];
        let mut hashes = vec![None, None];
        for_each_key(text, &mut Vec::new(), |k, hash| {
            keys.push(k);
            hashes.push(Some(hash));
        });
        assert!(keys.len() > 10);
        for (key, given) in keys.into_iter().zip(hashes) {
            let hash = token_hash(&key.clone().into_token());
            assert_eq!(key.hash(), hash, "{key:?}");
            assert!(given.is_none_or(|g| g == hash), "{key:?}");
        }
    }

    /// The browser looks a phrase up by these many tokens; a form needing
    /// one token already has an exact list and gets no list of its own.
    #[test]
    fn query_tokens_are_counted_as_the_browser_counts_them() {
        assert_eq!(query_token_count("两个确立"), 3);
        assert_eq!(query_token_count("清廉"), 1);
        assert_eq!(query_token_count("清"), 1);
        assert_eq!(query_token_count("33618"), 1);
        assert_eq!(query_token_count("ＧＤＰ增长"), 2);
        assert_eq!(query_token_count("CAR-T"), 2);
        assert_eq!(query_token_count("，"), 0);
    }

    #[test]
    fn a_form_key_is_marked_so_it_never_meets_a_text_token() {
        assert_eq!(Key::Form("两个确立".into()).into_token(), "=两个确立");
        assert!(tokens("=两个确立")
            .iter()
            .all(|t| !t.starts_with(FORM_MARK)));
    }
}
