//! An article's English translation on its page (issue 19): each English
//! block placed right after the Chinese paragraph it translates, the
//! translation's metadata for the header, listings and feed, and its
//! schema.org `workTranslation`.
//!
//! The body stays one flow of blocks, Chinese then English, pair after
//! pair: without CSS or JavaScript that reads as the two in order, and the
//! stylesheet lays each pair out as one row of a two-column grid on wide
//! screens (so the two align at the top of every pair). An English block
//! carries the Chinese paragraph's ¶ number, linking to the same `#pN`
//! anchor, so it is cited by the same URL; its own id is `pN-en`.
//! `bilingual.js` switches between 中文, English and 对照.

use super::frame::Frame;
use crate::content::{Article, Translation};
use crate::error::{Error, Result};
use crate::ids::{ParagraphId, Slug};
use crate::render::context::{ArticleSummary, TranslationBadge, TranslationView};
use crate::render::Anchors;
use crate::url::Urls;

/// How the Markdown renderer opens every citable block.
const BLOCK_OPEN: &str = "<div class=\"blk\" id=\"p";

/// How it opens the footnotes no block referenced (after the last block).
const ENDNOTES: &str = "<section class=\"endnotes\">";

/// The English translation of article `slug` among `translations`
/// (sorted by language and slug, as [`crate::content::Site`] keeps them),
/// as [`crate::content::Site::translation`] finds it.
pub fn english<'t>(translations: &'t [Translation], slug: &Slug) -> Option<&'t Translation> {
    crate::content::Site::english_among(translations, slug)
}

/// Summaries of `articles`, each with its translation's badge (the home
/// page's lists show which articles are translated).
pub fn summaries<'a>(
    articles: impl Iterator<Item = &'a Article>,
    translations: &[Translation],
    urls: &Urls,
) -> Vec<ArticleSummary> {
    articles
        .map(|a| ArticleSummary {
            translation: english(translations, &a.slug).map(badge),
            ..ArticleSummary::new(a, urls)
        })
        .collect()
}

/// Article `a`'s body with its translation `t` interleaved, and the
/// translation's view; the body unchanged and `None` when it has none.
/// An English block naming a paragraph the article lacks is an error
/// at its marker.
pub fn bilingual(
    f: &Frame,
    t: Option<&Translation>,
    a: &Article,
    paragraphs: usize,
    body: String,
) -> Result<(String, Option<TranslationView>)> {
    let Some(t) = t else {
        return Ok((body, None));
    };
    Error::collect(t.unknown_anchors(paragraphs))?;
    let english: Vec<Option<String>> = (1..=paragraphs as u32)
        .map(|n| {
            t.block(ParagraphId(n))
                .map(|b| f.markdown.render(&b.markdown, Anchors::None).html)
        })
        .collect();
    let notes_html = t
        .meta
        .notes
        .as_ref()
        .map(|n| f.markdown.render(n, Anchors::None).html);
    let view = TranslationView {
        badge: badge(t),
        lang: t.lang.clone(),
        translator: t.meta.translator.clone(),
        date: t.meta.date.map(|d| d.to_string()),
        notes_html,
        url: url(f.urls, a),
        paragraphs,
    };
    Ok((interleave(&body, &english), Some(view)))
}

/// The absolute URL that opens article `a` in English.
pub fn url(urls: &Urls, a: &Article) -> String {
    let url = urls.to_absolute(&urls.article(&a.slug));
    format!("{url}?lang=en")
}

/// schema.org `workTranslation` of article `a`, translated as `t`.
pub fn json_ld(urls: &Urls, t: &Translation, a: &Article, canonical: &str) -> serde_json::Value {
    let mut v = serde_json::json!({
        "@type": "NewsArticle",
        "headline": t.meta.title,
        "inLanguage": t.lang,
        "url": url(urls, a),
        "translationOfWork": {"@id": canonical},
        "creativeWorkStatus": t.meta.status.key(),
    });
    if let Some(name) = &t.meta.translator {
        v["translator"] = serde_json::json!({"@type": "Person", "name": name});
    }
    if let Some(d) = t.meta.date {
        v["dateCreated"] = d.to_string().into();
    }
    v
}

/// The badge listings show for a translation.
pub fn badge(t: &Translation) -> TranslationBadge {
    TranslationBadge {
        status: t.meta.status.key(),
        label: t.meta.status.label(),
        title: t.meta.title.clone(),
        covered: t.blocks.len(),
    }
}

/// `zh`, an article body of citable blocks, with the English of block `k`
/// (`english[k - 1]`, rendered) after block `k`; a block without English
/// gets a placeholder the stylesheet shows only in the English view.
pub(crate) fn interleave(zh: &str, english: &[Option<String>]) -> String {
    let starts: Vec<usize> = zh.match_indices(BLOCK_OPEN).map(|(i, _)| i).collect();
    let tail_start = starts.last().map_or(0, |&last| {
        zh[last..].find(ENDNOTES).map_or(zh.len(), |i| last + i)
    });
    let mut out = String::with_capacity(zh.len() * 2);
    out.push_str(&zh[..starts.first().copied().unwrap_or(tail_start)]);
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(tail_start);
        out.push_str(&zh[start..end]);
        let n = k + 1;
        match english.get(k).and_then(Option::as_deref) {
            Some(html) => out.push_str(&format!(
                "<div class=\"blk blk-en\" id=\"p{n}-en\" lang=\"en\"><a class=\"pn\" href=\"#p{n}\" title=\"¶{n}: link to this paragraph\">{n}</a>\n{html}</div>\n"
            )),
            None => out.push_str(&format!(
                "<div class=\"blk blk-en untranslated\" id=\"p{n}-en\" lang=\"en\"><p>¶{n} is not translated yet.</p></div>\n"
            )),
        }
    }
    out.push_str(&zh[tail_start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_follows_each_chinese_block_and_endnotes_stay_last() {
        let zh = "<div class=\"blk\" id=\"p1\"><p>一</p></div>\n\
                  <div class=\"blk\" id=\"p2\"><p>二</p></div>\n\
                  <section class=\"endnotes\">注</section>\n";
        let out = interleave(zh, &[Some("<p>One</p>".into()), None]);
        let p1 = out.find("id=\"p1\"").unwrap();
        let e1 = out.find("id=\"p1-en\"").unwrap();
        let p2 = out.find("id=\"p2\"").unwrap();
        let e2 = out.find("id=\"p2-en\"").unwrap();
        let notes = out.find("endnotes").unwrap();
        assert!(p1 < e1 && e1 < p2 && p2 < e2 && e2 < notes, "{out}");
        assert!(out.contains("<a class=\"pn\" href=\"#p1\""), "{out}");
        assert!(out.contains("untranslated"), "{out}");
        // Nothing of the Chinese is lost or changed.
        let without: String = out
            .split_inclusive("</div>\n")
            .filter(|s| !s.contains("blk-en"))
            .collect();
        assert_eq!(without, zh);
    }
}
