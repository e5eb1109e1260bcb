//! A term's pages, `glossary/<id>/` and `glossary/<id>/page/<n>/`: its
//! definition, relations and record, its occurrences in context (a page
//! of articles at a time), and on the first page a chart of its use over
//! time, the terms it occurs with and the corpus's own definitions of it.

use super::frame::Frame;
use super::pagination::pagination;
use super::terms::{TermCounts, ARTICLES_PER_PAGE};
use super::timeline::timeline;
use crate::content::{Article, Term};
use crate::error::Result;
use crate::glossary::{ArticleText, Definition, Occurrence};
use crate::ids::TermId;
use crate::render::context::{
    json_ld, CoTerm, FirstUse, KwicLine, OccurrenceGroup, OriginView, QuotedDefinition, RecordView,
    TermPage, TermView, Timeline,
};
use crate::render::Anchors;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Keyword-in-context lines shown per article on a term page.
pub const LINES_PER_ARTICLE: usize = 6;

/// What a term's pages read.
pub struct Reads<'a> {
    /// The glossary and its counts.
    pub terms: TermCounts<'a>,
    /// Term ids to their place in the glossary (parents, see-also).
    pub index: &'a HashMap<TermId, usize>,
    /// The articles (titles and dates of the occurrences).
    pub articles: &'a [Article],
    /// The articles' plain text (the concordance lines).
    pub corpus: &'a [ArticleText],
    /// The corpus's own definitions.
    pub definitions: &'a [Definition],
}

/// Page `page` (from 1) of term `ix`.
pub fn render(f: &Frame, r: &Reads, ix: usize, page: usize) -> Result<String> {
    r.page(f, ix, page)
}

impl Reads<'_> {
    /// Page `page` (from 1) of term `ix`.
    fn page(&self, f: &Frame, ix: usize, page: usize) -> Result<String> {
        f.page("term.html", || Ok(self.context(f, ix, page)))
    }

    /// The template context of page `page` of term `ix`.
    fn context<'f>(&self, f: &'f Frame, ix: usize, page: usize) -> TermPage<'f> {
        let t = &self.terms.terms[ix];
        let id_of = |id: &crate::ids::TermId| self.index.get(id).copied();
        let summary = |i: usize| f.term_summary(i, &self.terms);
        let view = TermView {
            summary: summary(ix),
            aliases: t.meta.aliases.clone(),
            definition_html: f.markdown.render(&t.definition, Anchors::None).html,
            parent: t.meta.parent.as_ref().and_then(id_of).map(summary),
            children: (0..self.terms.terms.len())
                .filter(|&c| self.terms.terms[c].meta.parent.as_ref() == Some(&t.id))
                .map(summary)
                .collect(),
            see_also: t
                .meta
                .see_also
                .iter()
                .filter_map(id_of)
                .map(summary)
                .collect(),
            short: f.short_definition(ix, &self.terms),
            article_count: self.terms.occurrences.counts(ix).len(),
            groups: self.occurrence_groups(f, ix, page),
            pagination: pagination(
                |n| self.terms.urls.term_page(&t.id, n),
                page,
                self.terms.occurrence_pages(ix),
            ),
            // Later pages continue the occurrence list only; the chart,
            // co-occurring terms and definitions are on the first.
            timeline: if page == 1 {
                timeline(self.terms.occurrences.counts(ix), self.articles)
            } else {
                Timeline::default()
            },
            co_terms: if page == 1 {
                self.co_terms(f, ix)
            } else {
                Vec::new()
            },
            corpus_definitions: if page == 1 {
                self.corpus_definitions(t)
            } else {
                Vec::new()
            },
            first_use: self.first_use(f, ix),
            origin: t.meta.origin.as_ref().map(|o| OriginView {
                fact: o.fact.clone(),
                parent: o.parent.clone(),
                source: (&o.source).into(),
            }),
            record: t
                .meta
                .record
                .iter()
                .map(|r| RecordView {
                    fact: r.fact.clone(),
                    source: (&r.source).into(),
                })
                .collect(),
            unknown: t.meta.unknown.clone(),
            english_alternatives: t.meta.english_alternatives.clone(),
            draft: t.meta.draft,
        };
        let url = self.terms.urls.term_page(&t.id, page);
        let mut title = t.meta.term.clone();
        if page > 1 {
            title = format!("{title}（第 {page} 页）");
        }
        let description = view.short.to_string();
        let mut meta = f.meta(&title, description, &url, "term");
        meta.draft = t.meta.draft;
        meta.json_ld = json_ld(&serde_json::json!({
            "@context": "https://schema.org",
            "@type": "DefinedTerm",
            "name": t.meta.term,
            "alternateName": t.meta.aliases,
            "description": meta.description,
            "url": meta.canonical,
            "inDefinedTermSet": {
                "@type": "DefinedTermSet",
                "name": "术语表",
                "url": self.terms.urls.to_absolute(&self.terms.urls.glossary()),
            },
        }));
        TermPage {
            site: &f.view,
            page: meta,
            term: view,
        }
    }

    fn occurrence_groups<'f>(
        &self,
        f: &'f Frame,
        ix: usize,
        page: usize,
    ) -> Vec<OccurrenceGroup<'f>> {
        let occ = &self.terms.occurrences;
        // counts() lists the term's articles in order, so a page is a slice
        // of it, and only that page's articles' occurrences are read.
        occ.counts(ix)
            .iter()
            .skip((page - 1) * ARTICLES_PER_PAGE)
            .take(ARTICLES_PER_PAGE)
            .map(|c| OccurrenceGroup {
                article: f.article_summary(c.of(), &self.articles[c.of()]),
                count: c.count(),
                more: c.count().saturating_sub(LINES_PER_ARTICLE),
                lines: occ
                    .in_article(c.of())
                    .iter()
                    .filter(|o| o.term() == ix)
                    .take(LINES_PER_ARTICLE)
                    .map(|o| self.kwic_line(o))
                    .collect(),
            })
            .collect()
    }

    fn kwic_line(&self, o: &Occurrence) -> KwicLine {
        let corpus = self.corpus;
        let k = self.terms.occurrences.kwic(corpus, o);
        let anchor = o.place.anchor(corpus);
        let before = &o.place.text(corpus)[..o.range().start];
        let url = self.terms.urls.paragraph(o.place.slug(corpus), anchor);
        KwicLine {
            url: landing_url(&url, k.keyword, before),
            paragraph: anchor.0,
            left: k.left.to_string(),
            keyword: k.keyword.to_string(),
            right: k.right.to_string(),
            cut_left: k.cut_left,
            cut_right: k.cut_right,
        }
    }

    /// The first paragraph using term `ix` in the earliest dated article
    /// (ties go to the article listed first).
    fn first_use<'f>(&self, f: &'f Frame, ix: usize) -> Option<FirstUse<'f>> {
        let occ = &self.terms.occurrences;
        let article = occ
            .counts(ix)
            .iter()
            .filter_map(|c| self.articles[c.of()].meta.date.map(|d| (d, c.of())))
            .min_by_key(|&(d, _)| d)?
            .1;
        let o = occ.in_article(article).iter().find(|o| o.term() == ix)?;
        let corpus = self.corpus;
        let anchor = o.place.anchor(corpus);
        Some(FirstUse {
            article: f.article_summary(article, &self.articles[article]),
            url: self.terms.urls.paragraph(o.place.slug(corpus), anchor),
            paragraph: anchor.0,
        })
    }

    fn co_terms<'f>(&self, f: &'f Frame, ix: usize) -> Vec<CoTerm<'f>> {
        self.terms
            .occurrences
            .co_occurring(ix, 12)
            .into_iter()
            .map(|c| CoTerm {
                term: f.term_summary(c.term, &self.terms),
                paragraphs: c.paragraphs,
                articles: c.articles,
            })
            .collect()
    }

    fn corpus_definitions(&self, t: &Term) -> Vec<QuotedDefinition> {
        let corpus = self.corpus;
        crate::glossary::definitions::of_term(self.definitions, t, corpus)
            .into_iter()
            .map(|d| {
                let slug = d.place.slug(corpus);
                let anchor = d.place.anchor(corpus);
                let title = self.articles[d.place.article()].meta.title.clone();
                QuotedDefinition {
                    sentence: d.sentence.clone(),
                    url: self.terms.urls.paragraph(slug, anchor),
                    article_title: title,
                    paragraph: anchor.0,
                }
            })
            .collect()
    }
}

/// A concordance line's link (issue 18): the paragraph's URL with the
/// occurrence it came from, so the article page can mark exactly that one
/// and not just its paragraph. `?hl=` is the keyword and `n=` how many
/// times it occurs earlier in the paragraph's text (reader.js counts the
/// same way); after the `#pN` anchor, a text fragment (`:~:text=`, with
/// the preceding characters as its prefix) lets a browser mark and scroll
/// to the occurrence without any script.
pub fn landing_url(paragraph_url: &str, keyword: &str, before: &str) -> String {
    let (page, anchor) = paragraph_url.split_once('#').unwrap_or((paragraph_url, ""));
    let n = before.matches(keyword).count();
    // The last (up to) six characters before the keyword, back to the
    // nearest whitespace.
    let prefix_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_whitespace())
        .take(6)
        .last()
        .map_or(before.len(), |(i, _)| i);
    let prefix = &before[prefix_start..];
    let encoded = 3 * (2 * keyword.len() + prefix.len());
    let mut url = String::with_capacity(paragraph_url.len() + encoded + 32);
    url.push_str(page);
    url.push_str("?hl=");
    push_fragment_encoded(&mut url, keyword);
    // Writing to a String cannot fail.
    let _ = write!(url, "&n={n}#{anchor}:~:text=");
    if !prefix.is_empty() {
        push_fragment_encoded(&mut url, prefix);
        url.push_str("-,");
    }
    push_fragment_encoded(&mut url, keyword);
    url
}

/// Appends `s` to `out`, percent-encoding everything but ASCII letters
/// and digits and `_.~` (the text-fragment syntax gives `-`, `,` and `&`
/// meanings of their own). Built on every concordance line of every term
/// page, so without a `format!` per byte.
fn push_fragment_encoded(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xF)] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landing_urls_name_the_occurrence() {
        let url = landing_url("/a/x/#p3", "意见", "根据《意见》，落实意见 ");
        assert_eq!(
            url,
            "/a/x/?hl=%E6%84%8F%E8%A7%81&n=2#p3:~:text=%E6%84%8F%E8%A7%81"
        );
        let url = landing_url("/a/x/#p3", "A-B", "前文A-B与");
        assert_eq!(
            url,
            "/a/x/?hl=A%2DB&n=1#p3:~:text=%E5%89%8D%E6%96%87A%2DB%E4%B8%8E-,A%2DB"
        );
        // The prefix is at most six characters, and stops at whitespace.
        let url = landing_url("/a/#p1", "x", "开头 甲乙丙丁戊己庚");
        assert!(
            url.ends_with(&format!("text={}-,x", encoded("乙丙丁戊己庚"))),
            "{url}"
        );
        let url = landing_url("/a/#p1", "x", "开头 甲乙");
        assert!(
            url.ends_with(&format!("text={}-,x", encoded("甲乙"))),
            "{url}"
        );
        let url = landing_url("/a/#p1", "x", "开头 ");
        assert!(url.ends_with("text=x"), "{url}");
    }

    fn encoded(s: &str) -> String {
        let mut out = String::new();
        push_fragment_encoded(&mut out, s);
        out
    }
}
