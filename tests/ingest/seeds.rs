//! The seed pages split into exactly the articles an editor finds on them
//! (issue 3): exact titles, kinds and line ranges; nothing merged; every
//! character accounted for, in every seed and fixture.

use jiedu::content::ArticleKind::{self, *};
use jiedu::ingest::{account::accounting, ingest_bytes, IngestedSource};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ingest(rel: &str) -> IngestedSource {
    let path = root().join(rel);
    let bytes = std::fs::read(&path).expect("read");
    let name = path.file_name().and_then(|n| n.to_str()).expect("name");
    ingest_bytes(name, &bytes).expect("ingest")
}

fn seed(stem: &str) -> IngestedSource {
    ingest(&format!("content/sources/{stem}.txt"))
}

/// (first line, last line, kind, title) of every article, in page order.
fn listing(src: &IngestedSource) -> Vec<(usize, usize, ArticleKind, String)> {
    src.articles
        .iter()
        .map(|a| {
            let s = a.meta.source.as_ref().expect("source");
            (
                s.first_line,
                s.last_line,
                a.meta.kind.expect("kind"),
                a.meta.title.clone(),
            )
        })
        .collect()
}

fn expect(src: &IngestedSource, want: &[(usize, usize, ArticleKind, &str)]) {
    let got = listing(src);
    let want: Vec<_> = want
        .iter()
        .map(|(a, b, k, t)| (*a, *b, *k, t.to_string()))
        .collect();
    assert_eq!(got, want, "{}", src.file);
}

fn body_of<'a>(src: &'a IngestedSource, title: &str) -> &'a str {
    &src.articles
        .iter()
        .find(|a| a.meta.title == title)
        .expect(title)
        .body
}

#[test]
fn seed_000_interview_news_continuation_feature_caption() {
    let src = seed("000_1eef88d04c1771e2");
    expect(
        &src,
        &[
            (
                3,
                71,
                Interview,
                "全面打造新时代市域党建新高地和清廉建设高地",
            ),
            (
                37,
                77,
                Fragment,
                "（残篇）加快打造，前三季度全市文化产业增加值…",
            ),
            (
                79,
                103,
                News,
                "商务部公示新一批中华老字号拟认定名单 重庆13个品牌入选",
            ),
            (105, 133, News, "（上接1版）如何做做大做强村集体经济…"),
            (
                135,
                203,
                News,
                "九龙坡：加速建设成渝地区双城经济圈重要科技创新新高地",
            ),
            (
                167,
                167,
                Caption,
                "重庆国创轻合金研究院内研发人员有序操作设备",
            ),
        ],
    );
    // The year-end review interleaved with the interview stays out of it,
    // and both are rejoined across the interleaving.
    let interview = body_of(&src, "全面打造新时代市域党建新高地和清廉建设高地");
    assert!(!interview.contains("前三季度全市文化产业"));
    assert!(interview.contains("推动监督机制融入数字重庆各行业各领域业务系统。"));
    let fragment = body_of(&src, "（残篇）加快打造，前三季度全市文化产业增加值…");
    assert!(fragment.contains("变革型组织加快打造，党的领导组织力全面提升。"));
    assert!(fragment.contains("谋划推进，以重庆一域之功"));
    let feature = &src.articles[4];
    assert_eq!(
        feature.meta.kicker.as_deref(),
        Some("细化主攻方向 突出特色优势")
    );
    assert_eq!(feature.meta.authors, ["杨晨"]);
    assert!(feature
        .body
        .contains("重庆国创轻合金研究院相关负责人表示。"));
    assert!(!feature.body.contains("有序操作设备"));
    assert!(body_of(
        &src,
        "商务部公示新一批中华老字号拟认定名单 重庆13个品牌入选"
    )
    .contains("| 3539 | 际华三五三九制鞋有限公司 |"));
}

#[test]
fn seed_001_roundtable_photo_news_fragments_brief() {
    let src = seed("001_6ff5d2107ceec2d7");
    expect(
        &src,
        &[
            (
                3,
                75,
                Roundtable,
                "强化党建统领 扎实推动“十五五”时期高质量发展",
            ),
            (79, 87, Caption, "渝万高铁控制性工程光裕寨隧道贯通"),
            (
                89,
                109,
                Fragment,
                "（残篇）生建设、人口发展等不会一步到位进入新阶段…",
            ),
            (
                111,
                121,
                Fragment,
                "（残篇）团正积极将此类个案经验转化为制度探索…",
            ),
            (123, 157, News, "新目标：用一根面条撬动千亿元级产业"),
            (
                159,
                161,
                Brief,
                "重庆市第一届青少年三大球运动会在綦江区体育馆开幕",
            ),
            (163, 173, Fragment, "（残篇）在“特色单品”板块…"),
        ],
    );
    let round = &src.articles[0];
    assert_eq!(round.meta.column.as_deref(), Some("重报圆桌会"));
    assert_eq!(round.meta.authors, ["周尤"]);
    assert!(round.body.contains("- 大渡口区委书记 张果\n- 大足区常委"));
    assert_eq!(src.articles[1].meta.authors, ["罗斌"]);
    assert_eq!(
        src.articles[4].meta.subtitle.as_deref(),
        Some("云阳县人大持续助推面食产业迭代升级")
    );
    assert_eq!(src.articles[5].meta.byline.as_deref(), Some("(记者 金鑫)"));
    assert_eq!(src.articles[5].meta.column.as_deref(), Some("政务简报"));
}

#[test]
fn seed_002_press_conference_sidebar_case() {
    let src = seed("002_7a5208351f7f5ae7");
    expect(
        &src,
        &[
            (
                5,
                111,
                PressConference,
                "2025年重庆怎样推进新时代市域党建新高地建设 构建“五个体系” 打造一批党建标志性成果",
            ),
            (
                113,
                137,
                News,
                "九龙坡规范小微权力运行 严防项目“建起来”干部“倒下去”",
            ),
        ],
    );
    let main = &src.articles[0];
    assert!(main.body.contains("大力践行“马上就办、办就办好”优良作风。"));
    assert!(main
        .body
        .contains("### 企业和群众反映事项按期办理率保持95%以上"));
    assert_eq!(
        main.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2025-02-13")
    );
    assert_eq!(main.meta.authors, ["张珺", "周尤"]);
    // The 「五个体系 ◆」 summary box stays in its host, after the paragraph
    // it interrupted (issue 16).
    assert!(main
        .body
        .contains("办就办好”优良作风。\n\n## 着力构建“五个体系”\n\n- ◆完善"));
    assert_eq!(src.articles[1].meta.column.as_deref(), Some("【案例】"));
}

#[test]
fn seed_003_five_articles_and_a_brief() {
    let src = seed("003_3fdefc164c826a20");
    expect(
        &src,
        &[
            (3, 77, PressConference, "在攻坚突破中全力开创现代化新重庆建设新局面"),
            (79, 135, News, "心往一处想 劲往一处使"),
            (137, 145, News, "中共中央组织部下发通知要求在元旦春节期间开展走访慰问生活困难党员、老党员、老干部活动"),
            (147, 158, News, "重庆市海峡两岸交流促进会第四届会员大会召开 卢红出席并讲话"),
            (162, 162, Brief, "重庆环境资源法庭在重庆市第五中级人民法院揭牌"),
            (164, 188, News, "万州：创新推行“五长制” 基层治理“一张网”"),
        ],
    );
    assert_eq!(
        src.articles[1].meta.authors,
        ["杨骏", "夏元", "余振芳", "黄光红"]
    );
    assert_eq!(
        src.articles[2].meta.dateline.as_deref(),
        Some("新华社北京12月27日电")
    );
    assert!(src.articles[2]
        .body
        .starts_with("\n中共中央组织部近日下发通知"));
    // 12月27日 with no year stated: no date is guessed.
    assert!(src.articles.iter().all(|a| a.meta.date.is_none()));
    assert!(src.articles[0]
        .meta
        .date_note
        .as_deref()
        .is_some_and(|n| n.contains("12月27日")));
}

#[test]
fn seed_004_untitled_report_chrome_removed() {
    let src = seed("004_3e29c74bab34ae51");
    expect(&src, &[(1, 38, Report, "（无标题）根据市委统一部署…")]);
    let report = &src.articles[0];
    assert_eq!(
        report.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2024-11-13")
    );
    assert!(report
        .meta
        .warnings
        .iter()
        .any(|w| w.contains("give this article a title")));
    assert!(report
        .body
        .contains("## 一、党工委履行巡视整改主体责任情况"));
    assert!(report
        .body
        .contains("**（一）提高站位抓整改。** 市委巡视组"));
    assert!(report
        .body
        .contains("联系电话：023—68606272；邮政地址：重庆高新区高新大道6号5号楼505室；"));
    assert!(report.body.contains("cqgxqxszg@163.com"));
    let removed: Vec<usize> = src.removed.iter().map(|r| r.line).collect();
    assert_eq!(removed, [39, 40, 41, 42]);
}

#[test]
fn every_seed_and_fixture_is_accounted_for() {
    let mut files: Vec<String> = Vec::new();
    for dir in ["content/sources", "tests/fixtures/ingest"] {
        for e in std::fs::read_dir(root().join(dir)).expect("dir").flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                files.push(format!("{dir}/{}", e.file_name().to_string_lossy()));
            }
        }
    }
    assert!(files.len() >= 9, "{files:?}");
    for f in files {
        let src = ingest(&f);
        if let Err(p) = accounting(&src.text, &src.articles, &src.removed) {
            panic!("{f}: {p:#?}");
        }
    }
}

#[test]
fn fixtures_decode_and_clean_as_written() {
    let crlf = ingest("tests/fixtures/ingest/crlf_bom.txt");
    assert_eq!(crlf.articles[0].meta.title, "测试标题");
    assert!(crlf.articles[0].body.contains("**问：** 请介绍背景？"));
    assert!(crlf.articles[0]
        .body
        .contains("一是加强领导；二是完善制度。"));
    let gbk = ingest("tests/fixtures/ingest/gbk.txt");
    assert!(gbk
        .articles
        .iter()
        .any(|a| a.meta.title == "清廉建设取得新成效"));
    let markup = ingest("tests/fixtures/ingest/markup.txt");
    let body = &markup.articles[0].body;
    assert!(
        body.contains("1\\.不是列表的一行，GDP增长5.2%，会议10:00开始。"),
        "{body}"
    );
    assert!(
        body.contains("\\*星号\\* 和 \\<标签> 以及 \\[方括号\\] 都照原样显示。"),
        "{body}"
    );
    assert!(body.contains("https://www.cq.gov.cn/a?b=1"), "{body}");
    assert!(body.contains("- 本来就是列表\n- 第二项"), "{body}");
    assert_eq!(markup.removed.len(), 2);
    assert!(ingest("tests/fixtures/ingest/empty.txt")
        .articles
        .is_empty());
}
