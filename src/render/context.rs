//! Typed template contexts: one `Serialize` struct per template.
//!
//! These are views, built from the [`crate::content::Site`] with every URL
//! already resolved, so templates only print. Each field here is a template
//! variable; the README lists them all. Text fields are plain text (the
//! templates escape them); fields ending in `_html` are pre-rendered HTML.

use crate::content::{Article, Site};
use crate::ids::Slug;
use crate::url::Urls;
use serde::Serialize;

/// Variables every template gets as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// The edition's title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// Language tag for `<html lang>`.
    pub language: String,
    /// Publisher, if configured.
    pub author: Option<String>,
    /// Absolute base URL, e.g. `https://user.github.io/repo/`.
    pub base_url: String,
    /// Root-relative URL of the home page (the base path).
    pub home_url: String,
    /// Glossary index URL.
    pub glossary_url: String,
    /// Atom feed URL.
    pub feed_url: String,
    /// Search page URL.
    pub search_url: String,
    /// People index URL (`/people/`).
    pub people_url: String,
    /// Pages with a `nav_order`, in order.
    pub nav: Vec<Link>,
    /// True when `base_url` is a placeholder (`example.github.io`…):
    /// citations then link the page's own address.
    pub base_placeholder: bool,
}

impl SiteView {
    /// The view of `site`'s configuration and navigation.
    pub fn new(site: &Site, urls: &Urls) -> Self {
        let c = &site.config;
        let mut nav_pages: Vec<_> = site
            .pages
            .iter()
            .filter(|p| p.meta.nav_order.is_some())
            .collect();
        nav_pages.sort_by_key(|p| p.meta.nav_order);
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            language: c.language.clone(),
            author: c.author.clone(),
            base_url: urls.base().to_string(),
            base_placeholder: urls.base().is_placeholder(),
            home_url: urls.home(),
            glossary_url: urls.glossary(),
            feed_url: urls.path("atom.xml"),
            search_url: urls.path("search/"),
            people_url: urls.people(),
            nav: nav_pages
                .into_iter()
                .map(|p| Link {
                    url: urls.page(&p.slug),
                    title: p.meta.title.clone(),
                })
                .collect(),
        }
    }
}

/// A titled link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Root-relative URL.
    pub url: String,
    /// Link text.
    pub title: String,
}

/// Per-page metadata every template gets as `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// `<title>` text (without the site title).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Which template family: `index`, `article`, `page`, `source`, `404`.
    pub kind: &'static str,
    /// Schema.org JSON-LD, already made safe for a `<script>` element
    /// (print with `| safe`); empty when the page has none.
    pub json_ld: String,
    /// Whether the page's file is marked `draft: true` (then only the dev
    /// server or `build --drafts` shows it; `base.html` shows a badge, but
    /// on term pages, where `term.html` says what a draft term is).
    pub draft: bool,
}

/// Serializes schema.org data for a `<script type="application/ld+json">`.
///
/// JSON is not HTML: `</script>` inside a string would end the element.
/// Escaping `<`, `>` and `&` as JSON unicode escapes keeps the data the
/// same for a JSON parser and inert for the HTML parser.
pub fn json_ld(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// An article as listed on the home page and in previous/next links.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    /// Slug.
    pub slug: Slug,
    /// Root-relative URL.
    pub url: String,
    /// Headline.
    pub title: String,
    /// Sub-headline.
    pub subtitle: Option<String>,
    /// Newspaper column.
    pub column: Option<String>,
    /// Kind key (`interview`…), if known.
    pub kind: Option<String>,
    /// Kind in Chinese (答记者问…).
    pub kind_label: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// `2025-02-13` (machine-readable, may be partial).
    pub date: Option<String>,
    /// `2025年2月13日`.
    pub date_display: Option<String>,
    /// One-sentence summary, if the editor wrote one.
    pub summary: Option<String>,
    /// Its English translation's status, where listings show it (issue 19).
    pub translation: Option<TranslationBadge>,
}

impl ArticleSummary {
    /// The summary view of `a`.
    pub fn new(a: &Article, urls: &Urls) -> Self {
        let m = &a.meta;
        ArticleSummary {
            slug: a.slug.clone(),
            url: urls.article(&a.slug),
            title: m.title.clone(),
            subtitle: m.subtitle.clone(),
            column: m.column.clone(),
            kind: m.kind.map(|k| kind_key(&k)),
            kind_label: m.kind.map(|k| k.label().to_string()),
            authors: m.authors.clone(),
            date: m.date.map(|d| d.to_string()),
            date_display: m.date.map(|d| d.chinese()),
            summary: m.summary.clone(),
            translation: None,
        }
    }
}

fn kind_key(k: &crate::content::ArticleKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Where an article came from, linked.
#[derive(Debug, Clone, Serialize)]
pub struct SourceLink {
    /// The source file name.
    pub file: String,
    /// URL of the source page at the article's first line.
    pub url: String,
    /// First line (1-based).
    pub first_line: usize,
    /// Last line (1-based, inclusive).
    pub last_line: usize,
}

/// Where a text was printed (from the `source:` map's `publication`,
/// `date`, `page`, `url`): shown on article and source pages, in JSON-LD,
/// the feed and citations.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PrintedView {
    /// The newspaper or site (重庆日报).
    pub publication: Option<String>,
    /// The edition's date as written (`2025-02-14`, may be partial).
    pub date: Option<String>,
    /// The date in Chinese (`2025年2月14日`).
    pub date_display: Option<String>,
    /// The page (版次) as printed.
    pub page: Option<String>,
    /// The original's URL.
    pub url: Option<String>,
    /// All of it in one line: `重庆日报 2025年2月14日 第3版`.
    pub line: String,
}

impl PrintedView {
    /// What `source` says about where it was printed, or `None` when it
    /// says nothing.
    pub fn of(source: &crate::content::SourceRef) -> Option<PrintedView> {
        let date = source
            .date
            .as_deref()
            .and_then(|d| crate::content::PartialDate::parse(d).ok());
        let date_display = date.map(|d| d.chinese());
        let parts = [&source.publication, &date_display, &source.page];
        let line = parts
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(" ");
        if line.is_empty() && source.url.is_none() {
            return None;
        }
        Some(PrintedView {
            publication: source.publication.clone(),
            date: date.map(|d| d.to_string()),
            date_display,
            page: source.page.clone(),
            url: source.url.clone(),
            line,
        })
    }
}

/// A summary box or sidebar shown at the end of its host article.
#[derive(Debug, Clone, Serialize)]
pub struct BoxView<'a> {
    /// The box's own article.
    pub article: &'a ArticleSummary,
    /// Its body, with anchors made its own (`box-<slug>-p1`…).
    pub body_html: String,
}

/// A bundle of articles printed under one umbrella title: the title and
/// the bundle's other articles (same source page, same `bundle`), in the
/// order they were printed.
#[derive(Debug, Clone, Serialize)]
pub struct BundleView<'a> {
    /// The umbrella title as printed.
    pub title: String,
    /// The other articles of the bundle.
    pub others: Vec<&'a ArticleSummary>,
}

/// An article page's own variables, as `article`. The summaries it
/// lists are borrowed: made once per build, they recur from page to page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'a> {
    /// Everything the listing shows.
    #[serde(flatten)]
    pub summary: &'a ArticleSummary,
    /// The kicker (引题) printed above the headline.
    pub kicker: Option<String>,
    /// Byline as printed.
    pub byline: Option<String>,
    /// Dateline as printed.
    pub dateline: Option<String>,
    /// How the date was inferred.
    pub date_note: Option<String>,
    /// The editor's note.
    pub editor_note: Option<String>,
    /// The source, linked.
    pub source: Option<SourceLink>,
    /// Where it was printed, when the source map says.
    pub printed: Option<PrintedView>,
    /// For a summary box or sidebar: the article it belongs to.
    pub host: Option<&'a ArticleSummary>,
    /// The boxes and sidebars printed with this article, shown after it.
    pub boxes: Vec<BoxView<'a>>,
    /// The bundle (同题组稿) it was printed in, with the bundle's other
    /// articles.
    pub bundle: Option<BundleView<'a>>,
    /// How many emendations the body holds (the 编者说明 block says so).
    pub emendations: usize,
    /// The rendered body.
    pub body_html: String,
    /// Number of citable paragraphs.
    pub paragraphs: usize,
    /// Glossary terms the article uses, in order of first occurrence; each
    /// is rendered once as the definition its in-text links point to.
    pub terms: Vec<Gloss<'a>>,
    /// Articles sharing the most (and rarest) terms with this one.
    pub related: Vec<Related<'a>>,
    /// The English translation shown beside the Chinese (issue 19).
    pub translation: Option<TranslationView>,
    /// The contents: sections and interview questions, in order; empty
    /// for an article too short to need one.
    pub toc: Vec<TocEntry>,
}

/// One line of an article's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// The paragraph anchor it links to (`p12`).
    pub anchor: String,
    /// The heading's text, or the question's opening words.
    pub text: String,
    /// `h2`, `h3`, `q` (an interview's question) or `s` (a speaker's
    /// turn in a press conference or round table).
    pub level: &'static str,
}

/// A term's in-text gloss: what a reader sees on hover, focus or tap.
/// The fields of its [`TermSummary`], borrowed, but for `count`.
#[derive(Debug, Clone, Serialize)]
pub struct Gloss<'a> {
    /// Term id.
    pub id: &'a crate::ids::TermId,
    /// Root-relative URL of the term page.
    pub url: &'a str,
    /// The headword.
    pub term: &'a str,
    /// Pinyin.
    pub pinyin: &'a str,
    /// English rendering.
    pub english: Option<&'a str>,
    /// Kind key.
    pub kind: &'a str,
    /// Kind in Chinese.
    pub kind_label: &'a str,
    /// How often the term occurs in this article.
    pub count: usize,
    /// The one-line definition.
    pub short: &'a str,
}

impl<'a> Gloss<'a> {
    /// The gloss of the term `summary` sums up, occurring `count` times in
    /// the article, with its one-line definition `short`.
    pub fn new(summary: &'a TermSummary, count: usize, short: &'a str) -> Self {
        Gloss {
            id: &summary.id,
            url: &summary.url,
            term: &summary.term,
            pinyin: &summary.pinyin,
            english: summary.english.as_deref(),
            kind: &summary.kind,
            kind_label: &summary.kind_label,
            count,
            short,
        }
    }
}

/// A related article.
#[derive(Debug, Clone, Serialize)]
pub struct Related<'a> {
    /// The article.
    pub article: &'a ArticleSummary,
    /// How many terms the two share.
    pub shared_terms: usize,
}

/// `article.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticlePage<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// Page metadata.
    pub page: PageMeta,
    /// The article.
    pub article: ArticleView<'a>,
    /// The newer neighbour in date order.
    pub prev: Option<&'a ArticleSummary>,
    /// The older neighbour in date order.
    pub next: Option<&'a ArticleSummary>,
}

/// Articles of one date on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct DateGroup {
    /// The date as a reader says it (`2025年12月6日`, `2025年12月`), or
    /// 「日期不详」.
    pub label: String,
    /// `2025-12-06`, when dated.
    pub date: Option<String>,
    /// Its articles, with their summaries.
    pub articles: Vec<ArticleSummary>,
}

/// `index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct IndexPage<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// Page metadata.
    pub page: PageMeta,
    /// This page's slice of the articles, newest first, fragments left out.
    pub articles: Vec<ArticleSummary>,
    /// The newest fragments (残篇), at most 20 (first page only).
    pub fragments: Vec<ArticleSummary>,
    /// How many fragments the edition has.
    pub fragments_total: usize,
    /// The most frequent glossary terms (first page only).
    pub top_terms: Vec<TermSummary>,
    /// The newest articles of each newspaper column, columns by name;
    /// articles without a column are left out (first page only).
    pub columns: Vec<ColumnGroup>,
    /// Where this page is in the listing.
    pub pagination: Pagination,
    /// This page's articles other than briefs and captions, grouped by
    /// date, newest first (issue 18).
    pub lead_groups: Vec<DateGroup>,
    /// This page's briefs and photo captions, listed on their own.
    pub briefs: Vec<ArticleSummary>,
}

/// `page.html` (free pages).
#[derive(Debug, Clone, Serialize)]
pub struct FreePage<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// Page metadata.
    pub page: PageMeta,
    /// The rendered body.
    pub body_html: String,
}

/// One line of a source page.
#[derive(Debug, Clone, Serialize)]
pub struct SourceLine {
    /// 1-based line number (its anchor is `L<n>`).
    pub n: usize,
    /// The line's text.
    pub text: String,
    /// Index into `articles` of the article this line belongs to, if any.
    pub article: Option<usize>,
    /// Whether this line is the first of that article's range (the
    /// template links the article there).
    pub range_start: bool,
}

/// An article's range within a source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRange {
    /// The article.
    pub article: ArticleSummary,
    /// First line.
    pub first_line: usize,
    /// Last line.
    pub last_line: usize,
}

/// `source.html`.
#[derive(Debug, Clone, Serialize)]
pub struct SourcePage<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// Page metadata.
    pub page: PageMeta,
    /// File name.
    pub file: String,
    /// sha256 of the file.
    pub sha256: String,
    /// Where it was printed, from its articles' source maps.
    pub printed: Option<PrintedView>,
    /// Every line.
    pub lines: Vec<SourceLine>,
    /// Articles ingested from this source, by first line.
    pub articles: Vec<SourceRange>,
    /// The fragments among them (残篇), also listed on their own.
    pub fragments: Vec<SourceRange>,
}

/// `404.html`.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundPage<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// Page metadata.
    pub page: PageMeta,
}

/// A term as listed in the glossary index and in related-term lists.
#[derive(Debug, Clone, Serialize)]
pub struct TermSummary {
    /// Term id.
    pub id: crate::ids::TermId,
    /// Root-relative URL of the term page.
    pub url: String,
    /// The headword.
    pub term: String,
    /// Pinyin.
    pub pinyin: String,
    /// English rendering.
    pub english: Option<String>,
    /// Kind key.
    pub kind: String,
    /// Kind in Chinese.
    pub kind_label: String,
    /// How often the term occurs in the articles.
    pub count: usize,
}

impl TermSummary {
    /// The summary view of `t`, occurring `count` times.
    pub fn new(t: &crate::content::Term, urls: &Urls, count: usize) -> Self {
        TermSummary {
            id: t.id.clone(),
            url: urls.term(&t.id),
            term: t.meta.term.clone(),
            pinyin: t.meta.pinyin.clone(),
            english: t.meta.english.clone(),
            kind: t.meta.kind.key().to_string(),
            kind_label: t.meta.kind.label().to_string(),
            count,
        }
    }
}

/// One kind's section of the glossary index.
#[derive(Debug, Clone, Serialize)]
pub struct TermGroup {
    /// Kind key, used as the section anchor.
    pub kind: String,
    /// Kind in Chinese.
    pub label: String,
    /// Terms sorted by pinyin.
    pub terms: Vec<TermSummary>,
    /// The first term of each pinyin initial within the group, so the
    /// letters jump within the list as it is grouped (issue 18).
    pub initials: Vec<Initial>,
}

/// An initial in the glossary's jump bar.
#[derive(Debug, Clone, Serialize)]
pub struct Initial {
    /// The letter, `A`–`Z` (or `#`).
    pub letter: String,
    /// The anchor of the first term with this initial.
    pub anchor: String,
}

/// `glossary.html`.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryPage<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// Page metadata.
    pub page: PageMeta,
    /// Terms grouped by kind.
    pub groups: Vec<TermGroup>,
    /// Initial letters present, for the jump bar.
    pub initials: Vec<Initial>,
    /// How many terms in all.
    pub total: usize,
}

/// A term page's own variables, as `term`. The summaries it lists are
/// borrowed: made once per build, they recur from page to page.
#[derive(Debug, Clone, Serialize)]
pub struct TermView<'a> {
    /// Everything the index shows.
    #[serde(flatten)]
    pub summary: &'a TermSummary,
    /// Other surface forms.
    pub aliases: Vec<String>,
    /// The rendered definition.
    pub definition_html: String,
    /// The broader term.
    pub parent: Option<&'a TermSummary>,
    /// Narrower terms.
    pub children: Vec<&'a TermSummary>,
    /// Related terms.
    pub see_also: Vec<&'a TermSummary>,
    /// The one-line definition.
    pub short: &'a str,
    /// Articles the term occurs in.
    pub article_count: usize,
    /// Occurrences grouped by article (this page's share of them).
    pub groups: Vec<OccurrenceGroup<'a>>,
    /// Which page of the occurrence list this is.
    pub pagination: Pagination,
    /// Occurrences over time, as bar geometry for an SVG chart.
    pub timeline: Timeline,
    /// Terms that appear in the same paragraphs.
    pub co_terms: Vec<CoTerm<'a>>,
    /// Sentences in which the texts define the term themselves.
    pub corpus_definitions: Vec<QuotedDefinition>,
    /// The earliest dated place the texts use the term.
    pub first_use: Option<FirstUse<'a>>,
    /// Where the public record says the formula was first set out.
    pub origin: Option<OriginView>,
    /// Facts from the public record, each with its source.
    pub record: Vec<RecordView>,
    /// What neither the texts nor the public record settle.
    pub unknown: Option<String>,
    /// English renderings other than the preferred `english`.
    pub english_alternatives: Vec<crate::content::term::EnglishAlternative>,
    /// An unreviewed stub written by `jiedu terms --draft`.
    pub draft: bool,
}

/// The earliest dated paragraph using a term.
#[derive(Debug, Clone, Serialize)]
pub struct FirstUse<'a> {
    /// The article.
    pub article: &'a ArticleSummary,
    /// URL of the paragraph.
    pub url: String,
    /// Paragraph number.
    pub paragraph: u32,
}

/// A publication a public-record fact was verified in.
#[derive(Debug, Clone, Serialize)]
pub struct PublicSourceView {
    /// Publication name.
    pub publication: String,
    /// `2021-11-16`.
    pub date: String,
    /// `2021年11月16日`.
    pub date_display: String,
    /// The piece's title.
    pub title: Option<String>,
    /// Its web address.
    pub url: Option<String>,
}

impl From<&crate::content::term::PublicSource> for PublicSourceView {
    fn from(s: &crate::content::term::PublicSource) -> Self {
        PublicSourceView {
            publication: s.publication.clone(),
            date: s.date.to_string(),
            date_display: s.date.chinese(),
            title: s.title.clone(),
            url: s.url.clone(),
        }
    }
}

/// A public-record fact with its source.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    /// The fact.
    pub fact: String,
    /// Where it was verified.
    pub source: PublicSourceView,
}

/// Where a formula was first set out.
#[derive(Debug, Clone, Serialize)]
pub struct OriginView {
    /// The meeting or document, and when.
    pub fact: String,
    /// The national formula a local one derives from.
    pub parent: Option<String>,
    /// Where it was verified.
    pub source: PublicSourceView,
}

/// One article's occurrences of a term.
#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceGroup<'a> {
    /// The article.
    pub article: &'a ArticleSummary,
    /// Occurrences in it.
    pub count: usize,
    /// Keyword-in-context lines.
    pub lines: Vec<KwicLine>,
    /// Occurrences in it beyond the lines shown.
    pub more: usize,
}

/// A keyword-in-context line linking to its paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct KwicLine {
    /// URL of the paragraph.
    pub url: String,
    /// Paragraph number.
    pub paragraph: u32,
    /// Text before the keyword.
    pub left: String,
    /// The keyword as it stands.
    pub keyword: String,
    /// Text after it.
    pub right: String,
    /// The paragraph goes on before `left`.
    pub cut_left: bool,
    /// The paragraph goes on after `right`.
    pub cut_right: bool,
}

/// Page links of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// This page, from 1.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// URL of this page (to mark it among `pages`).
    pub current_url: String,
    /// The pages to link: the first, the last and a few around this one
    /// (a bounded list however many pages there are).
    pub pages: Vec<Link>,
    /// The previous page's URL.
    pub prev_url: Option<String>,
    /// The next page's URL.
    pub next_url: Option<String>,
}

/// Bars of an occurrences-over-time chart, in SVG user units.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timeline {
    /// viewBox width.
    pub width: u32,
    /// viewBox height.
    pub height: u32,
    /// Baseline y.
    pub baseline: u32,
    /// One bar per period.
    pub bars: Vec<Bar>,
    /// Largest count.
    pub max: usize,
    /// Occurrences in undated articles.
    pub undated: usize,
}

/// One bar of a [`Timeline`].
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
    /// The period, `2025-02` or `2025`.
    pub label: String,
    /// Occurrences in it.
    pub count: usize,
    /// Whether to print the label under the bar (first, last, Januaries).
    pub show_label: bool,
    /// The period as a reader says it: `2025年2月`, `2025年`.
    pub display: String,
    /// Left edge and width as percentages of the chart's width, for the
    /// HTML labels laid over the SVG (which scales; text must not).
    pub left_pct: f64,
    /// Width, as a percentage.
    pub width_pct: f64,
    /// Height, as a percentage of the plot's height.
    pub height_pct: f64,
    /// From the bar's right edge to the chart's, as a percentage (where
    /// the last label ends).
    pub right_pct: f64,
    /// How the label sits on its bar: `start`, or `end` for the last one
    /// (so it never runs off the chart's right edge).
    pub align: &'static str,
    /// Whether to print the count above the bar: when bars are wide
    /// enough for it, else only on the tallest.
    pub show_count: bool,
}

/// A co-occurring term.
#[derive(Debug, Clone, Serialize)]
pub struct CoTerm<'a> {
    /// The term.
    #[serde(flatten)]
    pub term: &'a TermSummary,
    /// Paragraphs holding both.
    pub paragraphs: usize,
    /// Articles holding both.
    pub articles: usize,
}

/// An in-text definition, quoted with its place.
#[derive(Debug, Clone, Serialize)]
pub struct QuotedDefinition {
    /// The sentence.
    pub sentence: String,
    /// URL of its paragraph.
    pub url: String,
    /// The article's title.
    pub article_title: String,
    /// Paragraph number.
    pub paragraph: u32,
}

/// `term.html`.
#[derive(Debug, Clone, Serialize)]
pub struct TermPage<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// Page metadata.
    pub page: PageMeta,
    /// The term.
    pub term: TermView<'a>,
}

// ---- search (issue 6) ----

/// `search.html`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// Page metadata.
    pub page: PageMeta,
    /// Where the search script finds its index.
    pub search: SearchView,
}

/// The search page's own variables, as `search`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// Root-relative URL of `search/meta.json`; the other index files are
    /// found relative to it.
    pub index_url: String,
}

// ---- reader experience (issue 8): people and columns ----

/// An article that mentions a person, with how often.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    /// The article.
    pub article: ArticleSummary,
    /// Occurrences of the person's name (and aliases) in it.
    pub count: usize,
}

/// One person in the people index: an official or other person with a
/// glossary entry, an article author, or both.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    /// The name as printed.
    pub name: String,
    /// Anchor on the people page, `person-<n>`.
    pub anchor: String,
    /// Pinyin, from the glossary entry or computed from the name, written
    /// as a name (Hé Chūnyáng).
    pub pinyin: String,
    /// The person's post, from the glossary entry's one-line gloss.
    pub post: Option<String>,
    /// The glossary entry, if the person has one (`kind: person`).
    pub term: Option<TermSummary>,
    /// Articles naming the person as an author, newest first, at most
    /// [`PEOPLE_PREVIEW`].
    pub written: Vec<ArticleSummary>,
    /// How many articles name the person as an author.
    pub written_total: usize,
    /// Articles mentioning the person's glossary entry, newest first, at
    /// most [`PEOPLE_PREVIEW`] (the term page lists them all, paginated).
    pub mentioned: Vec<Mention>,
    /// How many articles mention the person's glossary entry.
    pub mentioned_total: usize,
}

/// Articles listed per person on the people index, so that the page grows
/// with the number of people, not of articles.
pub const PEOPLE_PREVIEW: usize = 10;

/// `people.html`: the people index at `/people/`.
#[derive(Debug, Clone, Serialize)]
pub struct PeoplePage<'a> {
    /// Site-wide variables.
    pub site: &'a SiteView,
    /// Page metadata.
    pub page: PageMeta,
    /// People with a glossary entry (officials and others the texts name).
    pub named: Vec<PersonView>,
    /// Authors without a glossary entry (reporters, photographers).
    pub authors: Vec<PersonView>,
}

/// A newspaper column and its articles, for the home page.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnGroup {
    /// The column's name (栏目).
    pub name: String,
    /// Anchor on the home page, `column-<n>`.
    pub anchor: String,
    /// Its newest articles, at most [`COLUMN_PREVIEW`].
    pub articles: Vec<ArticleSummary>,
    /// How many articles the column has in all.
    pub count: usize,
    /// How many of them are not in `articles`.
    pub more: usize,
}

/// Articles of each column shown on the home page: listings stay bounded
/// however large the edition grows.
pub const COLUMN_PREVIEW: usize = 10;

// ---- Translations (issue 19) ----

/// A translation's status as a listing shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationBadge {
    /// `draft` or `reviewed`.
    pub status: &'static str,
    /// 英译（草稿） or 英译（已审校）.
    pub label: &'static str,
    /// The English title.
    pub title: String,
    /// How many of the article's paragraphs it translates.
    pub covered: usize,
}

/// An article's English translation, as its page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationView {
    /// `draft` or `reviewed`, with the label and title of the listings.
    #[serde(flatten)]
    pub badge: TranslationBadge,
    /// The language tag (`en`).
    pub lang: String,
    /// The translator's name.
    pub translator: Option<String>,
    /// `2026-11-30`.
    pub date: Option<String>,
    /// The translator's notes, rendered.
    pub notes_html: Option<String>,
    /// Absolute URL of the page opened in English (`…/?lang=en`), the
    /// `hreflang="en"` alternate.
    pub url: String,
    /// How many paragraphs the article has.
    pub paragraphs: usize,
}
