//! The page grammar of issue 16, rule by rule, on small pages in the
//! shapes crawlers save (one paragraph per line with 「　　」 indents, or
//! blank lines between): lines and lists, headline blocks, bylines,
//! segments and furniture. Every page also keeps every character.

use jiedu::ingest::{account::accounting, ingest_text, IngestedSource};

/// A page of one paragraph per line, each indented with 「　　」 as
/// crawlers save People's Daily and provincial papers.
fn indented(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| format!("\u{3000}\u{3000}{l}\n"))
        .collect()
}

fn ingest(page: &str) -> IngestedSource {
    let src = ingest_text("p.txt", "00", page);
    if let Err(p) = accounting(page, &src.articles, &src.removed) {
        panic!("characters lost or invented: {p:#?}");
    }
    src
}

#[test]
fn a_list_of_names_stays_a_list_and_the_closing_dateline_its_own_line() {
    let page = &indented(&[
        "全国先进集体名单",
        "第一批表彰名单如下，共六个单位。",
        "北京市朝阳区人民法院",
        "天津市滨海新区税务局",
        "河北省张家口市气象局",
        "山西省太原市消防救援支队",
        "内蒙古自治区包头市公安局",
        "辽宁省大连市海事局",
        "（新华社北京1月20日电）",
    ]);
    let src = ingest(page);
    assert_eq!(src.articles.len(), 1, "{:#?}", src.articles);
    let body = &src.articles[0].body;
    assert!(
        body.contains("- 北京市朝阳区人民法院\n- 天津市滨海新区税务局"),
        "{body}"
    );
    assert!(
        body.contains("- 辽宁省大连市海事局\n\n（新华社北京1月20日电）"),
        "{body}"
    );
}

#[test]
fn an_indent_or_blank_line_always_ends_a_paragraph() {
    let page = "　　标题在这里(市场观察)\n\n　　本报记者  罗  兰\n\n　　第一段没有句号的小标题\n\n　　第一段的正文，写得很长很长很长很长，到这里结束。\n";
    let src = ingest(page);
    let a = &src.articles[0];
    assert_eq!(a.meta.authors, ["罗兰"]);
    assert!(
        a.body.contains("第一段没有句号的小标题\n\n第一段的正文，"),
        "{}",
        a.body
    );
}

#[test]
fn kicker_title_column_and_a_standalone_byline() {
    let page = "　　政策保持稳健基调  国际资本流入较多\n\n　　货币供应年内总体比较充裕(市场观察)\n\n　　本报记者  罗兰\n\n　　中国人民银行最新发布的报告显示，贷款余额增长。\n";
    let m = &ingest(page).articles[0].meta;
    assert_eq!(
        m.kicker.as_deref(),
        Some("政策保持稳健基调  国际资本流入较多")
    );
    assert_eq!(m.title, "货币供应年内总体比较充裕");
    assert_eq!(m.column.as_deref(), Some("市场观察"));
    assert_eq!(m.authors, ["罗兰"]);
    assert!(m.byline.as_deref() == Some("本报记者  罗兰"));
}

#[test]
fn a_kicker_ending_in_a_dash_and_a_series_subtitle() {
    let page = "　　坚持人民至上——\n\n　　让群众过上更好日子（人民论坛）\n\n　　——推进中国式现代化系列评论之一\n\n　　本报评论员\n\n　　现代化的本质是人的现代化，这是我们的出发点。\n";
    let m = &ingest(page).articles[0].meta;
    assert_eq!(m.kicker.as_deref(), Some("坚持人民至上——"));
    assert_eq!(m.title, "让群众过上更好日子");
    assert_eq!(m.column.as_deref(), Some("人民论坛"));
    assert_eq!(
        m.subtitle.as_deref(),
        Some("——推进中国式现代化系列评论之一")
    );
}

#[test]
fn a_document_printed_in_full_takes_its_date_from_the_subtitle() {
    let page = "# 中共中央关于加强党的政治建设的意见\n\n（2019年1月31日）\n\n党的政治建设是党的根本性建设，决定党的建设方向和效果。\n";
    let m = &ingest(page).articles[0].meta;
    assert_eq!(m.title, "中共中央关于加强党的政治建设的意见");
    assert_eq!(
        m.date.as_ref().map(ToString::to_string).as_deref(),
        Some("2019-01-31")
    );
    assert!(!m.title.starts_with('（'));
}

#[test]
fn bylines_in_every_form() {
    let cases = [
        (
            "本报讯（记者李铮通讯员王飞李永）给母校老师写信。",
            vec!["李铮", "王飞", "李永"],
        ),
        ("□本报记者张靖本报通讯员郜敏", vec!["张靖", "郜敏"]),
        ("（记者冯芸）百年大计，教育为本。", vec!["冯芸"]),
        ("本报记者  吴齐强  颜  珂", vec!["吴齐强", "颜珂"]),
    ];
    for (line, want) in cases {
        let page = format!("# 标题一则新闻\n\n{line}\n\n正文第一段写在这里，到此为止。\n");
        let m = &ingest(&page).articles[0].meta;
        assert_eq!(m.authors, want, "{line}");
    }
}

#[test]
fn trailing_credits_name_people_not_roles() {
    let page = "# 标题一则新闻\n\n正文第一段写在这里，到此为止。\n\n（本报记者  王  红采访整理）\n";
    assert_eq!(ingest(page).articles[0].meta.authors, ["王红"]);
    let page = "# 标题一则新闻\n\n正文第一段写在这里，到此为止。\n\n（本报记者顾仲阳、张帆、徐元锋、庞革平）\n";
    assert_eq!(
        ingest(page).articles[0].meta.authors,
        ["顾仲阳", "张帆", "徐元锋", "庞革平"]
    );
    // Copy printed elsewhere names its paper; the credit may follow a space.
    let page = "# 标题一则新闻\n\n正文第一段写在这里，到此为止。 （光明日报记者 李明 张华）\n";
    assert_eq!(ingest(page).articles[0].meta.authors, ["李明", "张华"]);
}

#[test]
fn an_editors_note_goes_with_the_piece_it_introduces() {
    let page = &indented(&[
        "编者按：今年是改革开放四十周年，本版推出系列报道，敬请关注。",
        "——编  者",
        "雄安新区建设一年间",
        "本报记者  张三",
        "地点：河北雄安新区",
        "一年来，新区建设取得了新的进展，各项工作有序推进。",
    ]);
    let src = ingest(page);
    assert_eq!(src.articles.len(), 1, "{:#?}", src.articles);
    let a = &src.articles[0];
    assert_eq!(a.meta.title, "雄安新区建设一年间");
    assert_eq!(a.meta.authors, ["张三"]);
    assert!(a.body.starts_with("\n编者按："), "{}", a.body);
    assert!(
        a.body.contains("——编  者\n\n### 地点：河北雄安新区\n"),
        "{}",
        a.body
    );
}

#[test]
fn captions_keep_their_credits_and_are_never_headings() {
    let page = &indented(&[
        "□师者之尊缘自用心",
        "葛堂友：深山从教42年",
        "9月7日，葛堂友老师正在辅导一年级小学生写字。⑧3程全摄",
        "王生英：以校为家以家为校",
        "王生英是一名普通的山村女教师，三十年来默默奉献。",
        "为此，王生英无怨无悔。（据新华社郑州9月9日电）",
    ]);
    let src = ingest(page);
    assert_eq!(src.articles.len(), 2, "{:#?}", src.articles);
    let first = &src.articles[0].meta;
    assert_eq!(first.kicker.as_deref(), Some("师者之尊缘自用心"));
    assert_eq!(first.title, "葛堂友：深山从教42年");
    assert_eq!(first.authors, ["程全"]);
    assert!(
        !src.articles[0].body.contains('#'),
        "{}",
        src.articles[0].body
    );
    assert_eq!(src.articles[1].meta.title, "王生英：以校为家以家为校");
    assert!(src.articles[1].meta.authors.is_empty());
}

#[test]
fn production_credits_are_chrome_and_summary_boxes_stay_with_their_article() {
    let page = "# 推动高质量发展\n\n核心阅读\n\n本文讲述一座城市的转型。\n\n本报记者 周尤\n\n正文第一段，写得清清楚楚。\n\n责任编辑：王某某\n\n版式设计：李某\n";
    let src = ingest(page);
    assert_eq!(src.articles.len(), 1, "{:#?}", src.articles);
    let removed: Vec<&str> = src.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(removed, ["责任编辑：王某某", "版式设计：李某"]);
    assert!(src.articles[0].body.contains("核心阅读"));
}

#[test]
fn an_umbrella_title_heads_its_bundle() {
    let page = page_with_umbrella();
    let src = ingest(&page);
    let titles: Vec<&str> = src.articles.iter().map(|a| a.meta.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "教师节特别报道",
            "110万园丁奉献三尺讲台",
            "长垣民企重奖优秀教师"
        ]
    );
    assert!(src.articles[0].body.contains("编者按"));
    for a in &src.articles[1..] {
        assert_eq!(a.meta.bundle.as_deref(), Some("教师节特别报道"));
    }
    assert_eq!(src.articles[0].meta.bundle, None);
}

fn page_with_umbrella() -> String {
    let mut page = String::from("教师节特别报道\n");
    page.push_str(&indented(&[
        "编者按",
        "第26个教师节已经到来，让我们衷心地对老师们说声：节日快乐！",
        "110万园丁奉献三尺讲台",
        "（记者冯芸）百年大计，教育为本。我省专任教师已达110万人。",
        "长垣民企重奖优秀教师",
        "本报讯（记者李虎成通讯员张宗桥贾胜波）崔培军奖励优秀教师。",
    ]));
    page
}

#[test]
fn a_reporter_after_the_dateline_is_an_author_and_the_agency_is_not() {
    let page = "# 北京市国资委发布“十三五”规划\n\n新华社北京8月11日专电（记者李萌）北京市国资委10日发布规划，提出进一步深化改革。\n";
    let m = &ingest(page).articles[0].meta;
    assert_eq!(
        m.dateline.as_deref(),
        Some("新华社北京8月11日专电（记者李萌）")
    );
    assert_eq!(m.authors, ["李萌"]);
}

#[test]
fn tab_separated_lines_are_a_table_and_digest_heads_a_column() {
    let page = &indented(&[
        "速览·民生",
        "全市新增就业岗位一万个",
        "本报讯（记者 周尤）今年以来，全市新增就业岗位一万个，稳就业成效明显。",
        "项目\t数量",
        "岗位\t10000",
    ]);
    let src = ingest(page);
    let a = &src.articles[0];
    assert_eq!(a.meta.column.as_deref(), Some("速览·民生"));
    assert_eq!(a.meta.title, "全市新增就业岗位一万个");
    assert!(a.body.contains("| 项目 | 数量 |"), "{}", a.body);
}

#[test]
fn a_crawlers_bold_lines_are_labels_and_segment_heads() {
    let page = "# 为发展智算产业贡献力量\n\n> 本报记者  马  晨《人民日报》（2025年03月01日第 04 版）\n\n**突出“两个维护”，强化政治监督**\n\n前不久，周超男回到河北。\n\n**记者手记**\n\n**提扎实有效的建议**\n\n周超男深耕智算领域多年。\n";
    let src = ingest(page);
    assert_eq!(src.articles.len(), 1);
    let body = &src.articles[0].body;
    assert!(!body.contains("\\*"), "{body}");
    assert!(body.contains("### 突出“两个维护”，强化政治监督"), "{body}");
    assert!(body.contains("### 提扎实有效的建议"), "{body}");
    assert_eq!(src.articles[0].meta.authors, ["马晨"]);
}
