//! The home page's arrangement (issue 18): a reader's first view of the
//! edition should open on its substantial pieces, not on whatever brief or
//! photo caption happens to be newest. A listing page's articles are split
//! into leads (grouped under their date, each with a one-line summary)
//! and briefs and captions (listed on their own, after the leads).

use crate::content::{Article, ArticleKind};
use crate::render::context::{ArticleSummary, DateGroup};

/// Characters of an opening sentence kept as a summary.
const SUMMARY_CHARS: usize = 60;

/// Whether an article is listed among the briefs, not the leads.
fn is_brief(a: &Article) -> bool {
    matches!(a.meta.kind, Some(ArticleKind::Brief | ArticleKind::Caption))
}

/// Leads grouped by date (in listing order, which is newest first) and
/// the briefs, from a listing page's articles and their summaries.
pub(super) fn arrange<'a>(
    page: impl Iterator<Item = (&'a Article, &'a ArticleSummary)>,
) -> (Vec<DateGroup>, Vec<ArticleSummary>) {
    let mut groups: Vec<DateGroup> = Vec::new();
    let mut briefs = Vec::new();
    for (a, s) in page {
        if is_brief(a) {
            briefs.push(s.clone());
            continue;
        }
        match groups.last_mut() {
            Some(g) if g.date == s.date => g.articles.push(s.clone()),
            _ => groups.push(DateGroup {
                label: s.date_display.clone().unwrap_or_else(|| "日期不详".into()),
                date: s.date.clone(),
                articles: vec![s.clone()],
            }),
        }
    }
    (groups, briefs)
}

/// Blocks shorter than this (a label such as 「嘉宾」, a short heading) are
/// no summary.
const MIN_SUMMARY_CHARS: usize = 16;

/// A one-line summary from an article's blocks: the opening sentence of
/// the first block long enough to be a sentence, unless the title already
/// says it (a fragment's title is its opening words).
pub(super) fn lead_summary<'a>(
    mut blocks: impl Iterator<Item = &'a str>,
    title: &str,
) -> Option<String> {
    let text = blocks.find(|b| b.trim().chars().count() >= MIN_SUMMARY_CHARS)?;
    let line = one_line(text);
    let opening: String = line.chars().take(8).collect();
    (!title.contains(&opening)).then_some(line)
}

/// The opening sentence of `text`, cut to [`SUMMARY_CHARS`] characters
/// with an ellipsis.
pub(super) fn one_line(text: &str) -> String {
    crate::text::clip(
        crate::text::through_first_full_stop(text.trim()),
        SUMMARY_CHARS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_skips_labels_and_what_the_title_says() {
        let blocks = ["嘉宾", "重庆云阳约20万名面工在全国各地开面坊。后文。"];
        assert_eq!(
            lead_summary(blocks.into_iter(), "新目标").as_deref(),
            Some("重庆云阳约20万名面工在全国各地开面坊。")
        );
        let fragment = ["团正积极将此类个案经验转化为制度探索，并且继续。"];
        assert_eq!(
            lead_summary(fragment.into_iter(), "（残篇）团正积极将此类个案经验…"),
            None
        );
    }

    #[test]
    fn a_summary_is_the_opening_sentence_cut_to_one_line() {
        assert_eq!(one_line(" 第一句。第二句。"), "第一句。");
        let long = "很".repeat(80) + "。";
        let cut = one_line(&long);
        assert_eq!(cut.chars().count(), SUMMARY_CHARS);
        assert!(cut.ends_with('…'));
    }
}
