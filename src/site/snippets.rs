//! Short text cut from longer text, for descriptions and glosses.

/// The first sentence of a paragraph (up to the first 。, at most 120
/// characters), for meta descriptions.
pub fn first_sentence(text: &str) -> String {
    let end = text.find('。').map_or(text.len(), |i| i + '。'.len_utf8());
    text[..end].chars().take(120).collect()
}
