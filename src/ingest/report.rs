//! What ingest did: per source, per article, what was written or left
//! alone and why, plus the chrome it removed. Serialises for `--json`;
//! [`IngestReport::table`] is the terminal view.

use super::printed::{Printed, Sourced};
use super::shape::Shape;
use crate::schema::ArticleKind;
use serde::Serialize;
use std::fmt::Write as _;

/// A line of site chrome taken out of a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// The source file.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// The line as it was (trimmed).
    pub text: String,
}

/// What happened to one article file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// A new file was written.
    Created,
    /// The file was regenerated (its body was unedited).
    Updated,
    /// Regenerating gave the same bytes: nothing written.
    Unchanged,
    /// An editor changed the body: the file was left alone.
    KeptEdited,
    /// The body was edited but `--force` regenerated it, after a backup.
    Forced,
}

impl Action {
    fn label(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Unchanged => "unchanged",
            Action::KeptEdited => "kept (edited)",
            Action::Forced => "forced",
        }
    }
}

/// One article of a source.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    /// Its slug (file stem).
    pub slug: String,
    /// Its file, relative to the edition root.
    pub path: String,
    /// Its kind.
    pub kind: ArticleKind,
    /// Its title as ingest made it.
    pub title: String,
    /// First source line.
    pub first_line: usize,
    /// Last source line.
    pub last_line: usize,
    /// What an editor should check.
    pub warnings: Vec<String>,
    /// What was done (or, in a dry run, would be).
    pub action: Action,
    /// The backup written before a forced regeneration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<String>,
}

/// One source file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceReport {
    /// The file name under `content/sources/`.
    pub file: String,
    /// How it was read.
    pub shape: Shape,
    /// Why it was read so.
    pub shape_reason: String,
    /// The encoding it was decoded from.
    pub encoding: String,
    /// Where it was printed, each value with its origin.
    pub printed: Printed,
    /// Other facts (front-matter keys used and not used…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Its articles in page order.
    pub articles: Vec<ArticleReport>,
    /// Existing article files from this source that no article matched
    /// any more; they were left alone.
    pub orphans: Vec<String>,
}

impl Default for SourceReport {
    fn default() -> Self {
        SourceReport {
            file: String::new(),
            shape: Shape::Text,
            shape_reason: String::new(),
            encoding: String::new(),
            printed: Printed::default(),
            notes: Vec::new(),
            articles: Vec::new(),
            orphans: Vec::new(),
        }
    }
}

impl SourceReport {
    /// The source's header lines in the table: shape, encoding and each
    /// printed value with its origin.
    fn header(&self) -> String {
        let mut out = format!(
            "{}  [{}, {}; {}]\n",
            self.file,
            self.shape.label(),
            self.encoding,
            self.shape_reason
        );
        let fields: [(&str, &Option<Sourced>); 4] = [
            ("publication", &self.printed.publication),
            ("date", &self.printed.date),
            ("page", &self.printed.page),
            ("url", &self.printed.url),
        ];
        let given: Vec<String> = fields
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {} ({})", v.value, v.from)))
            .collect();
        if given.is_empty() {
            out.push_str(
                "  printed: not stated (add a sidecar, or --date/--publication/--page/--url)\n",
            );
        } else {
            let _ = writeln!(out, "  printed: {}", given.join("; "));
        }
        for n in &self.notes {
            let _ = writeln!(out, "  note: {n}");
        }
        out
    }
}

/// What ingest did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    /// Nothing was written.
    pub dry_run: bool,
    /// Each source ingested.
    pub sources: Vec<SourceReport>,
    /// Chrome removed from the sources.
    pub removed: Vec<Removed>,
    /// Sources or article files that could not be handled; nothing was
    /// written for them.
    pub errors: Vec<String>,
}

impl IngestReport {
    /// True when every source was ingested.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many articles got `action`.
    pub fn count(&self, action: Action) -> usize {
        self.sources
            .iter()
            .flat_map(|s| &s.articles)
            .filter(|a| a.action == action)
            .count()
    }

    /// A terminal table: file → articles with kind, title, lines, and
    /// under each article the warnings an editor should check (title
    /// guessed, date missing, byline not found, possible fragment…).
    pub fn table(&self) -> String {
        let mut out = String::new();
        for s in &self.sources {
            out.push_str(&s.header());
            let _ = writeln!(
                out,
                "  {:<9} {:<16} {:>4}  {:<13} slug / title",
                "lines", "kind", "warn", "action"
            );
            for a in &s.articles {
                let lines = format!("{}–{}", a.first_line, a.last_line);
                let kind = serde_json::to_value(a.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  {lines:<9} {kind:<16} {:>4}  {:<13} {}  {}",
                    a.warnings.len(),
                    a.action.label(),
                    a.slug,
                    a.title
                );
                for w in &a.warnings {
                    let _ = writeln!(out, "  {:<9} ! {w}", "");
                }
            }
            for o in &s.orphans {
                let _ = writeln!(out, "  (no longer matched, left alone: {o})");
            }
        }
        if !self.removed.is_empty() {
            let _ = writeln!(out, "removed chrome");
            for r in &self.removed {
                let _ = writeln!(out, "  {}:{}  {}", r.file, r.line, r.text);
            }
        }
        for e in &self.errors {
            let _ = writeln!(out, "error: {e}");
        }
        let total: usize = self.sources.iter().map(|s| s.articles.len()).sum();
        let _ = writeln!(
            out,
            "{}{} articles from {} sources: {} created, {} updated, {} unchanged, {} kept (edited), {} forced; {} chrome lines removed",
            if self.dry_run { "dry run (nothing written): " } else { "" },
            total,
            self.sources.len(),
            self.count(Action::Created),
            self.count(Action::Updated),
            self.count(Action::Unchanged),
            self.count(Action::KeptEdited),
            self.count(Action::Forced),
            self.removed.len()
        );
        out
    }
}
