//! The glossary's pages, and the glossary parts of article and home pages:
//! the glossary index, term pages (occurrences in context, counts, a chart
//! over time, co-occurring terms, the corpus's own definitions), in-text
//! glosses and related articles.

use super::pages::{first_sentence, PageRenderer};
use crate::content::{Term, TermKind};
use crate::error::Result;
use crate::glossary::{occurrences::KWIC_CHARS, Occurrence};
use crate::render::context::{
    json_ld, ArticleSummary, Bar, CoTerm, FirstUse, Gloss, GlossaryPage, Initial, KwicLine, Link,
    OccurrenceGroup, OriginView, Pagination, QuotedDefinition, RecordView, Related, TermGroup,
    TermPage, TermSummary, TermView, Timeline,
};
use crate::render::Anchors;
use std::collections::BTreeMap;

/// Articles listed per page of a term's occurrences.
pub const ARTICLES_PER_PAGE: usize = 50;
/// Keyword-in-context lines shown per article on a term page.
pub const LINES_PER_ARTICLE: usize = 6;

impl PageRenderer<'_> {
    /// The summary of term `ix`, with its total occurrence count.
    pub(super) fn term_summary(&self, ix: usize) -> TermSummary {
        let total = self.analysis.occurrences.total(ix);
        TermSummary::new(&self.site.terms[ix], self.urls, total)
    }

    /// The in-text glosses of article `article`: each term it uses, once.
    pub(super) fn glosses(&self, article: usize, used: &[usize]) -> Vec<Gloss> {
        let counts = self.analysis.occurrences.terms_in(article);
        used.iter()
            .map(|&ix| {
                let mut term = self.term_summary(ix);
                term.count = counts.iter().find(|c| c.of == ix).map_or(0, |c| c.count);
                Gloss {
                    term,
                    short: short_definition(&self.site.terms[ix]),
                }
            })
            .collect()
    }

    /// Articles related to `article` by shared terms.
    pub(super) fn related(&self, article: usize) -> Vec<Related> {
        self.analysis
            .occurrences
            .related_articles(article, 5)
            .into_iter()
            .map(|r| Related {
                article: ArticleSummary::new(&self.site.articles[r.article], self.urls),
                shared_terms: r.shared_terms,
            })
            .collect()
    }

    /// The `n` most frequent terms.
    /// The `n` most frequent slogans, formulas, programmes and concepts:
    /// what a reader comes to the edition to decode. Places, people,
    /// bodies and documents (a district's name, 《意见》) are frequent but
    /// say little about the edition's language (issue 18).
    pub(super) fn top_terms(&self, n: usize) -> Vec<TermSummary> {
        use crate::content::TermKind as K;
        let formulation = |i: usize| {
            matches!(
                self.site.terms[i].meta.kind,
                K::Slogan | K::NumericFormula | K::Program | K::Concept
            )
        };
        let mut ranked: Vec<usize> = (0..self.site.terms.len())
            .filter(|&i| formulation(i) && self.analysis.occurrences.total(i) > 0)
            .collect();
        ranked.sort_by_key(|&i| (std::cmp::Reverse(self.analysis.occurrences.total(i)), i));
        ranked
            .into_iter()
            .take(n)
            .map(|i| self.term_summary(i))
            .collect()
    }

    /// How many pages term `ix`'s occurrence list takes (at least 1).
    pub(super) fn occurrence_pages(&self, ix: usize) -> usize {
        self.analysis
            .occurrences
            .counts(ix)
            .len()
            .div_ceil(ARTICLES_PER_PAGE)
            .max(1)
    }

    pub(super) fn glossary_page(&self) -> Result<String> {
        let mut groups = Vec::new();
        for kind in TermKind::ALL {
            let mut terms: Vec<usize> = (0..self.site.terms.len())
                .filter(|&i| self.site.terms[i].meta.kind == kind)
                .collect();
            if terms.is_empty() {
                continue;
            }
            terms.sort_by_cached_key(|&i| sort_key(&self.site.terms[i]));
            let terms: Vec<TermSummary> = terms.into_iter().map(|i| self.term_summary(i)).collect();
            groups.push(TermGroup {
                kind: kind.key().to_string(),
                label: kind.label().to_string(),
                initials: initials(terms.iter()),
                terms,
            });
        }
        let ctx = GlossaryPage {
            site: &self.view,
            page: self.meta(
                "术语表",
                "本版所有口号、数字概括、简称、机构、会议与人物的释义。".into(),
                &self.urls.glossary(),
                "glossary",
            ),
            initials: initials(groups.iter().flat_map(|g| &g.terms)),
            total: self.site.terms.len(),
            groups,
        };
        self.render("glossary.html", &ctx)
    }

    /// Page `page` (from 1) of term `ix`.
    pub(super) fn term_page(&self, ix: usize, page: usize) -> Result<String> {
        let t = &self.site.terms[ix];
        let id_of = |id: &crate::ids::TermId| self.term_index.get(id).copied();
        let view = TermView {
            summary: self.term_summary(ix),
            aliases: t.meta.aliases.clone(),
            definition_html: self.markdown.render(&t.definition, Anchors::None).html,
            parent: t
                .meta
                .parent
                .as_ref()
                .and_then(id_of)
                .map(|p| self.term_summary(p)),
            children: (0..self.site.terms.len())
                .filter(|&c| self.site.terms[c].meta.parent.as_ref() == Some(&t.id))
                .map(|c| self.term_summary(c))
                .collect(),
            see_also: t
                .meta
                .see_also
                .iter()
                .filter_map(id_of)
                .map(|s| self.term_summary(s))
                .collect(),
            short: short_definition(t),
            article_count: self.analysis.occurrences.counts(ix).len(),
            groups: self.occurrence_groups(ix, page),
            pagination: self.pagination(t, page, self.occurrence_pages(ix)),
            // Later pages continue the occurrence list only; the chart,
            // co-occurring terms and definitions are on the first.
            timeline: if page == 1 {
                self.timeline(ix)
            } else {
                Timeline::default()
            },
            co_terms: if page == 1 {
                self.co_terms(ix)
            } else {
                Vec::new()
            },
            corpus_definitions: if page == 1 {
                self.corpus_definitions(t)
            } else {
                Vec::new()
            },
            first_use: self.first_use(ix),
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
        let mut url = self.urls.term(&t.id);
        let mut title = t.meta.term.clone();
        if page > 1 {
            url = format!("{url}page/{page}/");
            title = format!("{title}（第 {page} 页）");
        }
        let description = view.short.clone();
        let mut meta = self.meta(&title, description, &url, "term");
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
                "url": self.urls.to_absolute(&self.urls.glossary()),
            },
        }));
        let ctx = TermPage {
            site: &self.view,
            page: meta,
            term: view,
        };
        self.render("term.html", &ctx)
    }

    fn occurrence_groups(&self, ix: usize, page: usize) -> Vec<OccurrenceGroup> {
        let occ = &self.analysis.occurrences;
        // counts() lists the term's articles in order, so a page is a slice
        // of it, and only that page's articles' occurrences are read.
        occ.counts(ix)
            .iter()
            .skip((page - 1) * ARTICLES_PER_PAGE)
            .take(ARTICLES_PER_PAGE)
            .map(|c| OccurrenceGroup {
                article: ArticleSummary::new(&self.site.articles[c.of], self.urls),
                count: c.count,
                more: c.count.saturating_sub(LINES_PER_ARTICLE),
                lines: occ
                    .in_article(c.of)
                    .iter()
                    .filter(|o| o.term == ix)
                    .take(LINES_PER_ARTICLE)
                    .map(|o| self.kwic_line(o))
                    .collect(),
            })
            .collect()
    }

    fn kwic_line(&self, o: &Occurrence) -> KwicLine {
        let corpus = &self.analysis.corpus;
        let k = self.analysis.occurrences.kwic(corpus, o);
        let anchor = o.place.anchor(corpus);
        let before = &o.place.text(corpus)[..o.start];
        let url = self.urls.paragraph(o.place.slug(corpus), anchor);
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

    fn pagination(&self, t: &Term, current: usize, total: usize) -> Pagination {
        let base = self.urls.term(&t.id);
        let url = |n: usize| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}page/{n}/")
            }
        };
        pagination(url, current, total)
    }

    /// Occurrences per month (or per year over long spans) of dated
    /// articles, as SVG bar geometry.
    fn timeline(&self, ix: usize) -> Timeline {
        let mut per_period: BTreeMap<(u16, u8), usize> = BTreeMap::new();
        let mut undated = 0;
        for c in self.analysis.occurrences.counts(ix) {
            match self.site.articles[c.of].meta.date {
                Some(d) => {
                    *per_period
                        .entry((d.year, d.month.unwrap_or(0)))
                        .or_default() += c.count
                }
                None => undated += c.count,
            }
        }
        timeline_bars(&per_period, undated)
    }

    /// The first paragraph using term `ix` in the earliest dated article
    /// (ties go to the article listed first).
    fn first_use(&self, ix: usize) -> Option<FirstUse> {
        let occ = &self.analysis.occurrences;
        let article = occ
            .counts(ix)
            .iter()
            .filter_map(|c| self.site.articles[c.of].meta.date.map(|d| (d, c.of)))
            .min_by_key(|&(d, _)| d)?
            .1;
        let o = occ.in_article(article).iter().find(|o| o.term == ix)?;
        let corpus = &self.analysis.corpus;
        let anchor = o.place.anchor(corpus);
        Some(FirstUse {
            article: ArticleSummary::new(&self.site.articles[article], self.urls),
            url: self.urls.paragraph(o.place.slug(corpus), anchor),
            paragraph: anchor.0,
        })
    }

    fn co_terms(&self, ix: usize) -> Vec<CoTerm> {
        self.analysis
            .occurrences
            .co_occurring(ix, 12)
            .into_iter()
            .map(|c| CoTerm {
                term: self.term_summary(c.term),
                paragraphs: c.paragraphs,
                articles: c.articles,
            })
            .collect()
    }

    fn corpus_definitions(&self, t: &Term) -> Vec<QuotedDefinition> {
        let corpus = &self.analysis.corpus;
        crate::glossary::definitions::of_term(&self.analysis.definitions, t, corpus)
            .into_iter()
            .map(|d| {
                let slug = d.place.slug(corpus);
                let anchor = d.place.anchor(corpus);
                let title = self.site.articles[d.place.article].meta.title.clone();
                QuotedDefinition {
                    sentence: d.sentence.clone(),
                    url: self.urls.paragraph(slug, anchor),
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
    let prefix: String = {
        let tail: Vec<char> = before
            .chars()
            .rev()
            .take_while(|c| !c.is_whitespace())
            .take(6)
            .collect();
        tail.into_iter().rev().collect()
    };
    let mut url = format!(
        "{page}?hl={}&n={n}#{anchor}:~:text=",
        fragment_encode(keyword)
    );
    if !prefix.is_empty() {
        url.push_str(&fragment_encode(&prefix));
        url.push_str("-,");
    }
    url.push_str(&fragment_encode(keyword));
    url
}

/// Percent-encodes everything but ASCII letters and digits and `_.~`
/// (the text-fragment syntax gives `-`, `,` and `&` meanings of their own).
fn fragment_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Chart geometry: one bar per month from the first to the last dated
/// month, or per year when that spans more than four years.
fn timeline_bars(per_period: &BTreeMap<(u16, u8), usize>, undated: usize) -> Timeline {
    let (width, height, baseline) = (600u32, 140u32, 110u32);
    let (Some(first), Some(last)) = (per_period.keys().next(), per_period.keys().next_back())
    else {
        return Timeline {
            width,
            height,
            baseline,
            bars: Vec::new(),
            max: 0,
            undated,
        };
    };
    let months = |y: u16, m: u8| y as i32 * 12 + m.max(1) as i32 - 1;
    let by_year = months(last.0, last.1) - months(first.0, first.1) > 48;
    let mut periods: Vec<(String, usize)> = Vec::new();
    if by_year {
        for y in first.0..=last.0 {
            let n = per_period.range((y, 0)..=(y, 12)).map(|(_, c)| c).sum();
            periods.push((y.to_string(), n));
        }
    } else {
        for k in months(first.0, first.1)..=months(last.0, last.1) {
            let (y, m) = ((k / 12) as u16, (k % 12 + 1) as u8);
            let mut n = per_period.get(&(y, m)).copied().unwrap_or(0);
            if (y, m) == (first.0, first.1.max(1)) {
                n += per_period.get(&(y, 0)).copied().unwrap_or(0); // year-only dates
            }
            periods.push((format!("{y}-{m:02}"), n));
        }
    }
    let max = periods.iter().map(|p| p.1).max().unwrap_or(0).max(1);
    let slot = (width / periods.len() as u32).clamp(4, 60);
    let labelled = label_slots(&periods, by_year, slot as f32 / width as f32);
    let last_ix = periods.len() - 1;
    let counts: Vec<usize> = periods.iter().map(|p| p.1).collect();
    let alone = |i: usize| {
        let zero = |j: Option<usize>| j.and_then(|j| counts.get(j)).is_none_or(|c| *c == 0);
        zero(i.checked_sub(1)) && zero(Some(i + 1))
    };
    let pct = |v: u32| (v as f64 * 10_000.0 / width as f64).round() / 100.0;
    let bars = periods
        .into_iter()
        .enumerate()
        .map(|(i, (label, count))| {
            let h = (count as u32 * (baseline - 10)) / max as u32;
            let x = i as u32 * slot + 2;
            let w = slot.saturating_sub(3).max(2);
            Bar {
                x,
                y: baseline - h,
                w,
                h,
                display: display_period(&label),
                label,
                count,
                show_label: labelled.iter().any(|l| l.0 == i),
                left_pct: pct(i as u32 * slot),
                width_pct: pct(slot),
                height_pct: (h as f64 * 1000.0 / baseline as f64).round() / 10.0,
                right_pct: pct(width.saturating_sub((i as u32 + 1) * slot)),
                align: labelled.iter().find(|l| l.0 == i).map_or("start", |l| l.1),
                show_count: count > 0 && (last_ix < MAX_COUNTED_BARS || alone(i)),
            }
        })
        .collect();
    Timeline {
        width,
        height,
        baseline,
        bars,
        max,
        undated,
    }
}

/// Bars up to this many all carry their count; beyond, a bar carries it
/// only when its neighbours are empty (so counts never touch).
const MAX_COUNTED_BARS: usize = 12;

/// The share of the chart's width one period label may take (a label of
/// 「2025年1月」 is about 62 px at 12 px; a phone's chart about 300 px).
const LABEL_SHARE: f32 = 0.22;

/// Which periods are labelled, and how each label sits on its bar: the
/// first; Januaries (or years) where a label fits clear of the one before
/// and of the last; the last, set flush right to its bar when it would
/// otherwise run off the chart. `share` is one bar's share of the chart's
/// width (bars need not fill it).
fn label_slots(
    periods: &[(String, usize)],
    by_year: bool,
    share: f32,
) -> Vec<(usize, &'static str)> {
    let at = |i: usize| i as f32 * share;
    let last = periods.len().saturating_sub(1);
    let (last_start, last_align) = if at(last) + LABEL_SHARE <= 1.0 {
        (at(last), "start")
    } else {
        ((at(last) + share - LABEL_SHARE).max(0.0), "end")
    };
    let mut out = vec![(0, "start")];
    let mut previous = 0.0;
    for (i, (label, _)) in periods.iter().enumerate().take(last).skip(1) {
        let boundary = by_year || label.ends_with("-01");
        if boundary && at(i) >= previous + LABEL_SHARE && at(i) + LABEL_SHARE <= last_start {
            out.push((i, "start"));
            previous = at(i);
        }
    }
    if last > 0 && last_start >= previous + LABEL_SHARE {
        out.push((last, last_align));
    }
    out
}

/// `2025-02` → `2025年2月`, `2025` → `2025年`.
fn display_period(label: &str) -> String {
    match label.split_once('-') {
        Some((y, m)) => format!("{y}年{}月", m.trim_start_matches('0')),
        None => format!("{label}年"),
    }
}

/// The one-line gloss of a term: its `short`, or the first sentence of its
/// definition without Markdown markup.
pub fn short_definition(t: &Term) -> String {
    if let Some(short) = &t.meta.short {
        return short.clone();
    }
    let plain = strip_markdown(&t.definition);
    let sentence = first_sentence(plain.trim());
    sentence.chars().take(KWIC_CHARS * 4).collect()
}

/// Text of Markdown without its markup (link targets, emphasis, code ticks).
fn strip_markdown(md: &str) -> String {
    let mut text = String::new();
    for ev in pulldown_cmark::Parser::new(md) {
        match ev {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => text.push_str(&t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => {}
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// Sort key for the glossary: pinyin without tones, then the headword.
fn sort_key(t: &Term) -> (String, String) {
    (pinyin_key(&t.meta.pinyin), t.meta.term.clone())
}
/// Pinyin without tone marks, lowercase, for sorting.
pub fn pinyin_key(pinyin: &str) -> String {
    pinyin
        .chars()
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ü' => 'v',
            c => c.to_ascii_lowercase(),
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
        .collect()
}

/// The jump bar: the first term of each initial, in index order.
fn initials<'a>(terms: impl Iterator<Item = &'a TermSummary>) -> Vec<Initial> {
    let mut firsts: Vec<Initial> = Vec::new();
    let mut all: Vec<&TermSummary> = terms.collect();
    all.sort_by_cached_key(|t| pinyin_key(&t.pinyin));
    for t in all {
        let letter = pinyin_key(&t.pinyin)
            .chars()
            .next()
            .map_or('#', |c| c.to_ascii_uppercase());
        let letter = if letter.is_ascii_alphabetic() {
            letter.to_string()
        } else {
            "#".into()
        };
        if !firsts.iter().any(|f| f.letter == letter) {
            firsts.push(Initial {
                letter,
                anchor: format!("t-{}", t.id),
            });
        }
    }
    firsts
}

/// The links of page `current` of `total`, page `n` being at `url(n)`.
pub(super) fn pagination(
    url: impl Fn(usize) -> String,
    current: usize,
    total: usize,
) -> Pagination {
    Pagination {
        current,
        total,
        current_url: url(current),
        pages: page_window(current, total)
            .map(|n| Link {
                url: url(n),
                title: n.to_string(),
            })
            .collect(),
        prev_url: (current > 1).then(|| url(current - 1)),
        next_url: (current < total).then(|| url(current + 1)),
    }
}

/// Pages linked from page `current` of `total`: the first, the last and
/// [`PAGE_WINDOW`] either side of the current one. Listing every page made
/// a term found in N articles cost N²/2,500 links over its pages.
fn page_window(current: usize, total: usize) -> impl Iterator<Item = usize> {
    let near = current.saturating_sub(PAGE_WINDOW).max(1)..=(current + PAGE_WINDOW).min(total);
    let mut pages: Vec<usize> = std::iter::once(1).chain(near).collect();
    pages.push(total);
    pages.dedup();
    pages.into_iter()
}

/// Neighbouring pages linked either side of the current one.
pub const PAGE_WINDOW: usize = 3;

#[cfg(test)]
mod tests {
    use super::{label_slots, landing_url, page_window};

    #[test]
    fn period_labels_keep_clear_of_each_other_and_of_the_edges() {
        let months = |n: usize| {
            (0..n)
                .map(|i| {
                    (
                        format!("{}-{:02}", 2023 + i.div_ceil(12), (i + 11) % 12 + 1),
                        1,
                    )
                })
                .collect::<Vec<_>>()
        };
        let full = |n: usize| 1.0 / n as f32;
        // 2023-12, 2024-01…: three wide bars each take a label; over 25
        // months the January right after the first is not labelled, the
        // one in the clear is.
        assert_eq!(
            label_slots(&months(3), false, full(3)),
            [(0, "start"), (1, "start"), (2, "start")]
        );
        assert_eq!(
            label_slots(&months(25), false, full(25)),
            [(0, "start"), (13, "start"), (24, "end")]
        );
        assert_eq!(label_slots(&months(1), false, 0.1), [(0, "start")]);
        // Three narrow bars in a corner of the chart: the last label would
        // touch the first, so it is left to the table.
        assert_eq!(label_slots(&months(3), false, 0.1), [(0, "start")]);
    }

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
    }

    #[test]
    fn page_links_stay_bounded() {
        let all = |c, t| page_window(c, t).collect::<Vec<_>>();
        assert_eq!(all(1, 3), [1, 2, 3]);
        assert_eq!(all(1, 200), [1, 2, 3, 4, 200]);
        assert_eq!(all(100, 200), [1, 97, 98, 99, 100, 101, 102, 103, 200]);
        assert!((1..=2000).all(|c| page_window(c, 2000).count() <= 9));
    }
}
