//! The glossary engine on a small fixture edition
//! (`tests/fixtures/glossary/`): validation, occurrences, in-text
//! definitions and the candidates `jiedu terms` lists.

use jiedu::content::Term;
use jiedu::glossary::{
    self, candidates, find_definitions, load_ignore, table, ArticleText, CandidateKind,
    CandidateOptions, Glossary,
};
use jiedu::ids::Slug;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/glossary")
        .join(rel)
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
}

fn terms() -> Vec<Term> {
    files("glossary", "md")
        .iter()
        .map(|p| Term::parse(&std::fs::read_to_string(p).unwrap(), p).unwrap())
        .collect()
}

fn corpus() -> Vec<ArticleText> {
    files("articles", "txt")
        .iter()
        .map(|p| {
            let slug = Slug::new(p.file_stem().unwrap().to_str().unwrap()).unwrap();
            ArticleText::from_plain(slug, &std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

fn slug(s: &str) -> Slug {
    Slug::new(s).unwrap()
}

#[test]
fn the_fixture_glossary_is_valid() {
    glossary::validate(&terms()).unwrap();
}

#[test]
fn candidates_are_what_the_glossary_lacks() {
    let ignore = load_ignore(&fixture("ignore.yaml")).unwrap();
    let found = candidates(&corpus(), &terms(), &ignore, &CandidateOptions::default());
    let get = |text: &str| found.iter().find(|c| c.text == text);

    let wuchang = get("五长制").expect("五长制");
    assert_eq!(wuchang.kind, CandidateKind::Definition);
    assert_eq!((wuchang.count, wuchang.articles), (2, 1));
    assert_eq!(wuchang.example.article.as_str(), "jiceng");
    assert_eq!(wuchang.example.paragraph.anchor(), "p1");
    assert!(wuchang
        .example
        .sentence
        .starts_with("陈代忠口中的“五长制”，指的是"));

    let tujiaosuo = get("土交所").expect("土交所");
    assert_eq!(tujiaosuo.kind, CandidateKind::Abbreviation);
    assert_eq!(tujiaosuo.count, 2);

    assert_eq!(
        get("33618").expect("33618").kind,
        CandidateKind::NumericFormula
    );
    assert_eq!(get("33618").unwrap().count, 2);
    let sgj = get("三攻坚一盘活").expect("三攻坚一盘活");
    assert_eq!((sgj.kind, sgj.count), (CandidateKind::NumericFormula, 2));
    assert_eq!(get("三减").expect("三减").kind, CandidateKind::Definition);
    assert_eq!(
        get("六区一高地").unwrap().kind,
        CandidateKind::NumericFormula
    );

    let yuan = get("袁家军").expect("袁家军");
    assert_eq!(
        (yuan.kind, yuan.note.as_deref()),
        (CandidateKind::Official, Some("市委书记"))
    );
    assert_eq!(
        get("卢红").unwrap().note.as_deref(),
        Some("市委常委、统战部部长")
    );

    // Known surface forms (headwords and aliases) and ignored phrases are out.
    for known in [
        "两个确立",
        "两个维护",
        "三清",
        "三清三减三增",
        "885",
        "《意见》",
        "回头看",
        "一站式",
    ] {
        assert!(get(known).is_none(), "{known} should not be a candidate");
    }

    // Definitions and formulas come before plain quotations.
    let rank = |t: &str| found.iter().position(|c| c.text == t).unwrap();
    assert!(rank("五长制") < rank("民转刑"));
    assert!(rank("33618") < rank("民转刑"));
}

#[test]
fn candidates_print_as_a_table_and_as_json() {
    let found = candidates(&corpus(), &terms(), &[], &CandidateOptions::default());
    let text = table(&found);
    assert!(text.lines().next().unwrap().contains("example"), "{text}");
    assert!(
        text.contains("jiceng#p1: 陈代忠口中的“五长制”，指的是"),
        "{text}"
    );
    let json = serde_json::to_value(&found).unwrap();
    let first = &json[0];
    for key in ["text", "kind", "count", "marked", "articles", "example"] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert!(
        text.contains("回头看"),
        "without the ignore list it is listed"
    );
}

#[test]
fn occurrences_respect_boundaries_and_scopes() {
    let terms = terms();
    let corpus = corpus();
    let g = Glossary::new(&terms);
    let occ = g.occurrences(&corpus);
    let ix = |id: &str| g.index_of(&id.parse_id()).unwrap();

    // 885 once in jiceng, never in 18850 or 8850.
    let e885: Vec<_> = occ.of_term(ix("e885")).collect();
    assert_eq!(e885.len(), 1);
    assert_eq!(e885[0].place.slug(&corpus).as_str(), "jiceng");
    let k = occ.kwic(&corpus, e885[0]);
    assert_eq!(k.keyword, "885");
    assert!(k.left.ends_with("党建统领“") && k.right.starts_with("”工作体系"));

    // 《意见》 links only in the article that defines it.
    let yijian: Vec<_> = occ.of_term(ix("qinglian-yijian")).collect();
    assert_eq!(yijian.len(), 3);
    assert!(yijian
        .iter()
        .all(|o| o.place.slug(&corpus).as_str() == "qinglian"));

    // The nested 三清 inside 三清三减三增 belongs to the longer term.
    assert_eq!(occ.total(ix("sqsjsz")), 1);
    assert_eq!(occ.total(ix("sanqing")), 1);
    assert_eq!(g.children(ix("sqsjsz")), [ix("sanqing")]);

    // 两个确立 and 两个维护 travel together.
    let co = occ.co_occurring(ix("liang-ge-que-li"), 3);
    assert_eq!(co[0].term, ix("liang-ge-wei-hu"));
    assert_eq!(co[0].paragraphs, 2);

    let related = occ.related_articles(0, 3);
    assert!(related.iter().all(|r| r.article != 0));
}

#[test]
fn term_pages_can_quote_in_text_definitions() {
    let terms = terms();
    let corpus = corpus();
    let defs = find_definitions(&corpus);
    let g = Glossary::new(&terms);
    let sanqing = g.get(&"sanqing".parse_id()).unwrap();
    let mine = glossary::definitions::of_term(&defs, sanqing, &corpus);
    assert_eq!(mine.len(), 1);
    assert!(mine[0].sentence.starts_with("“三清”，即深入推进"));
    assert_eq!(mine[0].place.anchor(&corpus).anchor(), "p3");

    let yijian = g.get(&"qinglian-yijian".parse_id()).unwrap();
    let mine = glossary::definitions::of_term(&defs, yijian, &corpus);
    assert_eq!(
        mine.len(),
        1,
        "the 三攻坚一盘活 《意见》 is another document"
    );
    assert_eq!(
        mine[0].found.full.as_deref(),
        Some("《关于推进清廉重庆建设的意见》")
    );
    assert_eq!(
        g.short_definition(g.index_of(&"e885".parse_id()).unwrap()),
        "党建统领“885”工作体系。"
    );
    assert_eq!(slug("guoqi"), corpus[0].slug);
}

trait ParseId {
    fn parse_id(&self) -> jiedu::ids::TermId;
}

impl ParseId for str {
    fn parse_id(&self) -> jiedu::ids::TermId {
        jiedu::ids::TermId::new(self).unwrap()
    }
}
