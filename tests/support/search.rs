//! The fixture edition the search tests share: a few glossary terms with
//! aliases, English and pinyin, and articles where the slogans stand whole,
//! stand scattered, and stand in titles. Built under a sub-path so every
//! test also proves that the index is found through `base_url`'s path.
//! (`BASE` is the support module's: the bundled edition's sub-path.)

use super::{edition, write, BASE};
use std::path::{Path, PathBuf};

fn term(root: &Path, id: &str, yaml: &str) {
    write(
        root,
        &format!("content/glossary/{id}.md"),
        &format!("---\n{yaml}\n---\n定义。\n"),
    );
}

fn article(root: &Path, slug: &str, title: &str, date: &str, body: &str) {
    write(
        root,
        &format!("content/articles/{slug}.md"),
        &format!("---\ntitle: '{title}'\ndate: {date}\n---\n{body}\n"),
    );
}

/// Writes the fixture edition into a temp dir.
pub fn fixture() -> tempfile::TempDir {
    let ed = edition(BASE);
    let r = ed.path();
    term(
        r,
        "liang-ge-que-li",
        "term: 两个确立\npinyin: liǎng gè quèlì\nenglish: Two Establishes\nkind: slogan",
    );
    term(
        r,
        "liang-ge-wei-hu",
        "term: 两个维护\npinyin: liǎng gè wéihù\nenglish: Two Safeguards\nkind: slogan",
    );
    term(r, "san-gong-jian-yi-pan-huo", "term: 三攻坚一盘活\npinyin: sān gōngjiān yī pánhuó\nenglish: three tough battles and one revitalisation\nkind: numeric-formula");
    term(r, "33618", "term: \"33618\"\npinyin: sān sān liù yī bā\nenglish: the 33618 manufacturing cluster system\nkind: numeric-formula");
    term(
        r,
        "qing-lian-chong-qing",
        "term: 清廉重庆\npinyin: qīnglián Chóngqìng\nenglish: Clean Chongqing\nkind: program",
    );
    term(r, "shi-ji-wei-jian-wei", "term: 市纪委监委\naliases: [重庆市纪委监委]\npinyin: shì jìwěi jiānwěi\nenglish: Municipal Commission for Discipline Inspection and Supervision\nkind: institution");
    term(
        r,
        "chen-quan",
        "term: 陈全\npinyin: Chén Quán\nenglish: Chen Quan\nkind: person",
    );
    article(
        r,
        "a-que-li",
        "坚定拥护两个确立",
        "2025-02-13",
        "全市党员干部深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”。\n\n\
         再次强调，“两个确立”是最大的政治成果。\n\n\
         推进清廉重庆建设，市纪委监委持续发力。",
    );
    article(
        r,
        "b-guo-qi",
        "国企改革深化提升",
        "2024-12-27",
        "深入实施“三攻坚一盘活”改革突破，加快打造“33618”现代制造业集群体系。\n\n\
         重庆市纪委监委通报：国企“三攻坚一盘活”取得成效；同时拥护“两个确立”。",
    );
    article(
        r,
        "c-san-luan",
        "两个层面的工作",
        "2024-06-01",
        "这里有两个方面的问题，需要确立新的机制。\n\n\
         市政府台办主任陈全当选会长。\n\n\
         Ｔｅｓｔ <script>alert(1)</script> 与 GDP 增长。",
    );
    ed
}

/// Builds the fixture with the sub-path `BASE`; returns the output dir.
pub fn built(ed: &tempfile::TempDir) -> PathBuf {
    let out = ed.path().join("public");
    let opts = jiedu::site::BuildOptions {
        base_url: Some(BASE.into()),
        out: Some(out.clone()),
        ..Default::default()
    };
    jiedu::site::build(ed.path(), &opts).unwrap();
    out
}

/// Hostile text: markup that runs script if it is ever not escaped.
pub const PAYLOAD: &str = "<img src=x onerror=window.__pwned=1>";

/// The escaping tests' fixture (issue 9): an edition whose article
/// `hostile` carries the payload, `</script>` and both quotes in its title
/// and in a paragraph naming 两个确立.
pub fn hostile_edition() -> tempfile::TempDir {
    let ed = edition(BASE);
    write(
        ed.path(),
        "content/glossary/liang-ge-que-li.md",
        "---\nterm: 两个确立\npinyin: liǎng gè quèlì\nkind: slogan\n---\n定义。\n",
    );
    // YAML single quotes: '' is one quote.
    let title = format!("坏标题</script>{PAYLOAD}\"''&amp;");
    write(
        ed.path(),
        "content/articles/hostile.md",
        &format!(
            "---\ntitle: '{title}'\ndate: 2025-01-01\n---\n\
             两个确立</script>{PAYLOAD}\"'&amp;<b>粗</b>\n\n第二段，两个确立。\n"
        ),
    );
    ed
}
