//! How the glossary analysis follows an edit, without analysing the
//! edition again: the edited articles are analysed alone and spliced into
//! the [`Analysis`] ([`Analysis::splice`] re-aggregates the stored matches);
//! a glossary edit, which changes every match, or more than a few articles
//! at once re-analyse everything. Either way a [`Snapshot`] of what pages
//! show of the analysis is taken before and after, and
//! [`delta::changed_pages`] names the pages that differ.

use super::delta::{self, Focus, Snapshot};
use super::deps::{ArticleChange, Input};
use super::edits::Edits;
use crate::content::Site;
use crate::glossary::Occurrences;
use crate::ids::Slug;
use crate::render::{Highlighter, Markdown};
use crate::site::analysis::{Analysis, Analyzer, ArticleAnalysis};
use crate::site::pages::PageKey;
use crate::url::Urls;
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// Up to this many articles edited at once are re-analysed one by one;
/// more (a `git checkout`) re-analyse the edition, which is then cheaper.
const MAX_SPLICED: usize = 8;

/// The glossary analysis of the site as it is, and the matcher that made
/// it (kept to re-analyse edited articles alone).
pub struct GlossaryState {
    analysis: Analysis,
    analyzer: Analyzer,
}

impl GlossaryState {
    /// Analyses every article of `site`.
    pub fn analyse(site: &Site, urls: &Urls, hl: &Highlighter) -> Self {
        let analyzer = Analyzer::new(&site.terms, urls);
        let analysis = analyzer.analyze(site, &Markdown::new(urls, hl));
        GlossaryState { analysis, analyzer }
    }

    /// Rendered bodies and glossary occurrences of the site.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Puts back the analysis of `site` as it was, after a failed edit
    /// (the site itself is already back).
    pub fn restore(&mut self, old: OldAnalysis, site: &Site, urls: &Urls, hl: &Highlighter) {
        match old {
            OldAnalysis::Kept(kept) => {
                let (analysis, analyzer) = *kept;
                self.analysis = analysis;
                if let Some(analyzer) = analyzer {
                    self.analyzer = analyzer;
                }
            }
            // Spliced in place: analysing the old versions again is the
            // one way back. Slow, but only after an edit that failed late
            // (a template error on the new content).
            OldAnalysis::Spliced => {
                self.analysis = self.analyzer.analyze(site, &Markdown::new(urls, hl));
            }
        }
    }
}

/// How the glossary analysis follows an edit of articles or entries: what
/// to re-analyse, and a snapshot of what the pages show of the analysis,
/// to compare with after the edit ([`delta`]).
pub struct Reanalysis {
    /// Re-analysed units of edited articles, by path; `None` means the
    /// whole edition is analysed again (a glossary edit changes every
    /// match; many edits at once are cheaper so).
    units: Option<Vec<(PathBuf, Option<ArticleAnalysis>)>>,
    /// Whether the glossary changed (a new matcher is needed).
    glossary: bool,
    focus: Focus,
    before: Snapshot,
    /// Slugs (old and new) of the edited articles.
    edited: BTreeSet<Slug>,
    /// Slugs of those whose listing data changed.
    retitled: BTreeSet<Slug>,
}

/// The analysis as it was before an edit, to put back if the edit fails.
pub enum OldAnalysis {
    /// The analysis replaced (and the matcher, when the glossary changed).
    Kept(Box<(Analysis, Option<Analyzer>)>),
    /// Edited articles were spliced in: analyse the old site to undo.
    Spliced,
}

impl Reanalysis {
    /// Step 3 for the analysis, on the site before the edit; `None` when
    /// the edit touches neither articles nor glossary entries.
    pub fn plan(
        site: &Site,
        glossary: &GlossaryState,
        urls: &Urls,
        (edits, inputs): (&Edits, &[Input]),
        hl: &Highlighter,
    ) -> Option<Self> {
        if edits.articles().is_empty() && !edits.touches_glossary() {
            return None;
        }
        let occ = &glossary.analysis.occurrences;
        let old_index = |path: &PathBuf| site.articles.iter().position(|a| &a.path == path);
        let mut edited = BTreeSet::new();
        let mut retitled = BTreeSet::new();
        let listing = |path: &PathBuf| {
            inputs.iter().any(
                |i| matches!(i, Input::Article { path: p, change: ArticleChange::Listing } if p == path),
            )
        };
        for (path, new) in edits.articles() {
            let old = old_index(path).map(|i| site.articles[i].slug.clone());
            let slugs: Vec<Slug> = old
                .into_iter()
                .chain(new.iter().map(|a| a.slug.clone()))
                .collect();
            if listing(path) {
                retitled.extend(slugs.iter().cloned());
            }
            edited.extend(slugs);
        }
        let whole = edits.touches_glossary() || edits.articles().len() > MAX_SPLICED;
        let (units, focus) = match whole {
            true => (None, Focus::all()),
            false => {
                let markdown = Markdown::new(urls, hl);
                let units: Vec<(PathBuf, Option<ArticleAnalysis>)> = edits
                    .articles()
                    .iter()
                    .map(|(p, new)| {
                        let unit = new
                            .as_ref()
                            .map(|a| glossary.analyzer.article(&markdown, a));
                        (p.clone(), unit)
                    })
                    .collect();
                let old: Vec<usize> = units.iter().filter_map(|(p, _)| old_index(p)).collect();
                let moved = moved_terms(occ, &units, &old_index);
                let mut focus = Focus::of_articles(site, occ, &old, &moved, !retitled.is_empty());
                // One article more or fewer reweighs every shared term.
                if units
                    .iter()
                    .any(|(p, u)| u.is_none() || old_index(p).is_none())
                {
                    focus.articles = None;
                }
                (Some(units), focus)
            }
        };
        let before = Snapshot::take(site, occ, &focus);
        Some(Reanalysis {
            units,
            glossary: edits.touches_glossary(),
            focus,
            before,
            edited,
            retitled,
        })
    }

    /// Step 5 for the analysis, on the site after the edit: brings the
    /// analysis up to date and names the pages it changed. Returns what
    /// puts the old analysis back.
    pub fn run(
        self,
        site: &Site,
        state: &mut GlossaryState,
        urls: &Urls,
        hl: &Highlighter,
    ) -> (BTreeSet<PageKey>, OldAnalysis) {
        let attempted = self.units.is_some();
        let spliced = self
            .units
            .and_then(|units| splice(&mut state.analysis, site, units));
        let old = match spliced {
            Some(()) => OldAnalysis::Spliced,
            // A splice that did not line up left the analysis half-changed:
            // analyse everything, and undo by analysing again.
            None if attempted => {
                let markdown = Markdown::new(urls, hl);
                state.analysis = state.analyzer.analyze(site, &markdown);
                OldAnalysis::Spliced
            }
            None => {
                let analyzer = self.glossary.then(|| Analyzer::new(&site.terms, urls));
                let old_analyzer = analyzer.map(|a| std::mem::replace(&mut state.analyzer, a));
                let markdown = Markdown::new(urls, hl);
                let analysis = state.analyzer.analyze(site, &markdown);
                let old = std::mem::replace(&mut state.analysis, analysis);
                OldAnalysis::Kept(Box::new((old, old_analyzer)))
            }
        };
        // A splice that did not line up was replaced by a full analysis
        // of the same site: the same pages changed, the focus holds.
        let after = Snapshot::take(site, &state.analysis.occurrences, &self.focus);
        let pages = delta::changed_pages(&self.before, &after, &self.edited, &self.retitled);
        (pages, old)
    }
}

/// Terms that joined or left an edited article: their article counts,
/// and so every related-article weight they carry, change.
fn moved_terms(
    occ: &Occurrences,
    units: &[(PathBuf, Option<ArticleAnalysis>)],
    old_index: &dyn Fn(&PathBuf) -> Option<usize>,
) -> BTreeSet<usize> {
    let mut moved = BTreeSet::new();
    for (path, unit) in units {
        let old: BTreeSet<usize> = old_index(path)
            .map(|i| occ.terms_in(i).iter().map(|c| c.of()).collect())
            .unwrap_or_default();
        let new: BTreeSet<usize> = unit
            .iter()
            .flat_map(|u| u.body.matches.iter().map(|m| m.found.term))
            .collect();
        moved.extend(old.symmetric_difference(&new));
    }
    moved
}

/// Replaces the edited articles' analyses in place: each old one out, each
/// new one in at its place in the (re-sorted) site. `None` when the result
/// does not line up with the site, and the caller analyses everything.
fn splice(
    analysis: &mut Analysis,
    site: &Site,
    units: Vec<(PathBuf, Option<ArticleAnalysis>)>,
) -> Option<()> {
    let new_index = |path: &PathBuf| site.articles.iter().position(|a| &a.path == path);
    let old_slugs: Vec<&Slug> = analysis.corpus.iter().map(|t| &t.slug).collect();
    let in_place: Vec<Option<usize>> = units
        .iter()
        .map(|(p, u)| {
            let i = new_index(p)?;
            let unit = u.as_ref()?;
            (old_slugs.get(i) == Some(&&site.articles[i].slug)
                && unit.text.slug == site.articles[i].slug)
                .then_some(i)
        })
        .collect();
    if in_place.iter().all(Option::is_some) && !reordered(analysis, site, &units) {
        for ((_, unit), i) in units.into_iter().zip(in_place) {
            analysis.replace_article(i?, unit?);
        }
    } else {
        splice_moved(analysis, site, units);
    }
    let lined_up = analysis.corpus.len() == site.articles.len()
        && analysis
            .corpus
            .iter()
            .zip(&site.articles)
            .all(|(t, a)| t.slug == a.slug);
    lined_up.then_some(())
}

/// Whether the site's article order differs from the analysis's, apart
/// from the edited articles.
fn reordered(
    analysis: &Analysis,
    site: &Site,
    units: &[(PathBuf, Option<ArticleAnalysis>)],
) -> bool {
    let edited: HashSet<&PathBuf> = units.iter().map(|(p, _)| p).collect();
    analysis.corpus.len() != site.articles.len()
        || site
            .articles
            .iter()
            .zip(&analysis.corpus)
            .any(|(a, t)| !edited.contains(&a.path) && a.slug != t.slug)
}

/// Removes the edited articles' old analyses (found by slug, from the
/// end) and inserts the new ones at their places, in ascending order.
fn splice_moved(
    analysis: &mut Analysis,
    site: &Site,
    units: Vec<(PathBuf, Option<ArticleAnalysis>)>,
) {
    let edited: HashSet<&PathBuf> = units.iter().map(|(p, _)| p).collect();
    // The old analyses of edited articles: those whose slug no unedited
    // article of the site has at that place.
    let keep: HashSet<&Slug> = site
        .articles
        .iter()
        .filter(|a| !edited.contains(&a.path))
        .map(|a| &a.slug)
        .collect();
    let stale: Vec<usize> = (0..analysis.corpus.len())
        .filter(|&i| !keep.contains(&analysis.corpus[i].slug))
        .collect();
    for &i in stale.iter().rev() {
        analysis.remove_article(i);
    }
    let mut inserts: Vec<(usize, ArticleAnalysis)> = units
        .into_iter()
        .filter_map(|(p, u)| Some((site.articles.iter().position(|a| a.path == p)?, u?)))
        .collect();
    inserts.sort_by_key(|(i, _)| *i);
    for (i, unit) in inserts {
        analysis.insert_article(i.min(analysis.len()), unit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BaseUrl;
    use crate::content::{Article, Term};
    use crate::incremental::test_site::site;
    use std::path::Path;

    fn urls() -> Urls {
        Urls::new(BaseUrl::parse("https://x.org/").unwrap())
    }

    fn occurrences(g: &GlossaryState) -> String {
        format!("{:?}", g.analysis().occurrences)
    }

    fn sample() -> Site {
        site(
            &[
                ("x", "两个确立。"),
                ("y", "清廉重庆，两个确立。"),
                ("z", "别的。"),
            ],
            &[("que-li", "两个确立"), ("qing-lian", "清廉重庆")],
        )
    }

    #[test]
    fn a_spliced_article_edit_equals_analysing_everything_again() {
        let (urls, hl) = (urls(), Highlighter::new());
        let mut s = sample();
        let mut state = GlossaryState::analyse(&s, &urls, &hl);
        let text = "---\ntitle: z\n---\n清廉重庆。\n";
        let new = Article::parse(text, Path::new("a/z.md")).unwrap();
        let edits = Edits::of_articles(vec![("a/z.md".into(), Some(new))]);
        let inputs = edits.inputs(&s);
        let plan = Reanalysis::plan(&s, &state, &urls, (&edits, &inputs), &hl).unwrap();
        assert!(
            plan.units.is_some(),
            "one article is spliced, not re-analysed"
        );
        edits.apply(&mut s);
        let (pages, old) = plan.run(&s, &mut state, &urls, &hl);
        assert!(matches!(old, OldAnalysis::Spliced));
        let fresh = GlossaryState::analyse(&s, &urls, &hl);
        assert_eq!(occurrences(&state), occurrences(&fresh));
        // The term that joined z lists it now.
        let term = PageKey::Term(crate::ids::TermId::new("qing-lian").unwrap());
        assert!(pages.contains(&term), "{pages:?}");
    }

    #[test]
    fn a_glossary_edit_reanalyses_everything_and_can_be_undone() {
        let (urls, hl) = (urls(), Highlighter::new());
        let mut s = sample();
        let mut state = GlossaryState::analyse(&s, &urls, &hl);
        let before = occurrences(&state);
        let text = "---\nterm: 别的\nkind: slogan\n---\n";
        let new = Term::parse(text, Path::new("g/qing-lian.md")).unwrap();
        let edits = Edits::of_terms(vec![("g/qing-lian.md".into(), Some(new))]);
        let inputs = edits.inputs(&s);
        let plan = Reanalysis::plan(&s, &state, &urls, (&edits, &inputs), &hl).unwrap();
        let undo = edits.apply(&mut s);
        let (_, old) = plan.run(&s, &mut state, &urls, &hl);
        let fresh = GlossaryState::analyse(&s, &urls, &hl);
        assert_eq!(occurrences(&state), occurrences(&fresh));
        assert_ne!(occurrences(&state), before);
        undo.apply(&mut s);
        state.restore(old, &s, &urls, &hl);
        assert_eq!(occurrences(&state), before);
    }
}
