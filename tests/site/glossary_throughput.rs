//! A rough throughput measurement of the glossary engine, not a timed
//! test: it prints figures and asserts nothing about speed. Run it with
//!
//! ```text
//! JIEDU_SEEDS=../shared/seeds cargo test --release --test site glossary_throughput -- --ignored --nocapture
//! ```
//!
//! Without `JIEDU_SEEDS` it uses the fixture articles. It builds a
//! synthetic edition of 10,000 articles of about 3 KB from the source
//! paragraphs and a glossary of about 1,000 terms (the corpus's own
//! candidates plus substrings of its text, so that terms really occur).

use jiedu::content::Term;
use jiedu::glossary::{candidates, ArticleText, CandidateOptions, Glossary, ParagraphText};
use jiedu::ids::{ParagraphId, Slug};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn source_paragraphs() -> Vec<String> {
    let dir = std::env::var_os("JIEDU_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/glossary/articles")
        });
    let mut paras = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        let a = ArticleText::from_plain(Slug::new("x").unwrap(), &text);
        paras.extend(a.paragraphs.into_iter().map(|p| p.text));
    }
    paras
}

/// Articles of about 3 KB reshuffled by the shared generator.
fn edition(paras: &[String], articles: usize) -> Vec<ArticleText> {
    (0..articles)
        .map(|i| ArticleText {
            slug: Slug::new(format!("a{i}")).unwrap(),
            paragraphs: jiedu::synth::article_body(i, paras, &[], 1)
                .into_iter()
                .enumerate()
                .map(|(n, text)| ParagraphText {
                    id: ParagraphId(n as u32 + 1),
                    text,
                })
                .collect(),
        })
        .collect()
}

fn glossary_terms(sample: &[ArticleText], paras: &[String], n: usize) -> Vec<Term> {
    let mut forms: BTreeSet<String> = candidates(sample, &[], &[], &CandidateOptions::default())
        .into_iter()
        .map(|c| c.text)
        .collect();
    let text: Vec<char> = paras.concat().chars().collect();
    let mut at = 0;
    while forms.len() < n && at + 6 < text.len() {
        let len = 2 + at % 5;
        forms.insert(text[at..at + len].iter().collect());
        at += 29;
    }
    forms
        .into_iter()
        .filter(|f| f.chars().count() >= 2)
        .take(n)
        .enumerate()
        .map(|(i, f)| {
            let yaml = format!(
                "---\nterm: {}\nkind: slogan\n---\n",
                serde_json::to_string(&f).unwrap()
            );
            Term::parse(&yaml, Path::new(&format!("t{i}.md"))).unwrap()
        })
        .collect()
}

fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

#[test]
#[ignore = "a measurement; run in release with --ignored --nocapture"]
fn glossary_throughput() {
    let paras = source_paragraphs();
    let corpus = edition(&paras, 10_000);
    let bytes: usize = corpus
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.len())
        .sum();
    let terms = glossary_terms(&corpus[..20], &paras, 1000);
    let t = Instant::now();
    let g = Glossary::new(&terms);
    println!(
        "{} terms, {} forms: matcher built in {:?}",
        terms.len(),
        g.matcher().len(),
        t.elapsed()
    );

    let t = Instant::now();
    let mut matches = 0;
    for a in &corpus {
        for p in &a.paragraphs {
            matches += g.find_in(&p.text, &a.slug).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "find_in: {:.1} MB in {s:.3} s = {:.0} MB/s, {matches} matches",
        bytes as f64 / 1e6,
        mb_per_s(bytes, s)
    );

    let real: Vec<Term> = terms.iter().take(120).cloned().collect();
    let sparse = Glossary::new(&real);
    let t = Instant::now();
    let mut few = 0;
    for a in &corpus {
        for p in &a.paragraphs {
            few += sparse.find_in(&p.text, &a.slug).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "find_in, {} terms only: {:.0} MB/s, {few} matches",
        real.len(),
        mb_per_s(bytes, s)
    );

    let t = Instant::now();
    let occ = g.occurrences(&corpus);
    println!(
        "Occurrences::compute: {:?} ({} occurrences)",
        t.elapsed(),
        occ.all().len()
    );
    let t = Instant::now();
    let co: usize = (0..terms.len())
        .map(|i| occ.co_occurring(i, 10).len())
        .sum();
    println!(
        "co_occurring for all terms: {:?} ({co} entries)",
        t.elapsed()
    );
    let t = Instant::now();
    let rel: usize = (0..corpus.len())
        .map(|i| occ.related_articles(i, 5).len())
        .sum();
    println!(
        "related_articles for all articles: {:?} ({rel} entries)",
        t.elapsed()
    );
    let t = Instant::now();
    let found = candidates(&corpus[..1000], &terms, &[], &CandidateOptions::default());
    println!(
        "candidates over 1,000 articles: {:?} ({} found)",
        t.elapsed(),
        found.len()
    );
}
