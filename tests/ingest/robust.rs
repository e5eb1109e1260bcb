//! Ingest never panics and never loses text, whatever the bytes (issue 3,
//! item 8): encodings, line ends, empty and binary files, a 10 MB page,
//! and property tests over arbitrary bytes and arbitrary marker-laden text.

use jiedu::ingest::{account::accounting, ingest_bytes, ingest_text};
use proptest::prelude::*;

fn accounted(text: &str) {
    let src = ingest_text("p.txt", "00", text);
    if let Err(p) = accounting(text, &src.articles, &src.removed) {
        panic!("accounting failed for {text:?}: {p:#?}");
    }
}

#[test]
fn utf8_bom_crlf_and_gbk_decode_to_the_same_articles() {
    let page = "# 标题\n\n□本报记者 周尤\n\n正文第一段,继续。\n";
    let plain = ingest_bytes("a.txt", page.as_bytes()).expect("utf8");
    let bom = ingest_bytes(
        "a.txt",
        &[b"\xEF\xBB\xBF".as_slice(), page.as_bytes()].concat(),
    )
    .expect("bom");
    let crlf = ingest_bytes("a.txt", page.replace('\n', "\r\n").as_bytes()).expect("crlf");
    let (gbk, _, _) = encoding_rs::GB18030.encode(page);
    let gbk = ingest_bytes("a.txt", &gbk).expect("gbk");
    for other in [&bom, &crlf, &gbk] {
        assert_eq!(other.articles[0].meta.title, plain.articles[0].meta.title);
        assert_eq!(other.articles[0].body, plain.articles[0].body);
    }
}

/// Page dumps in GB18030, including its four-byte sequences (characters
/// outside GBK: CJK extension B, emoji), are decoded, not rejected.
#[test]
fn ingest_decodes_gb18030_four_byte_characters() {
    let page = "# 标题𠀀\n\n正文有𠀀和😀，继续。\n";
    let (bytes, _, lossy) = encoding_rs::GB18030.encode(page);
    assert!(!lossy && std::str::from_utf8(&bytes).is_err());
    assert!(
        bytes.len() > 4
            && bytes
                .windows(4)
                .any(|w| w[1] >= 0x30 && w[1] <= 0x39 && w[3] >= 0x30 && w[3] <= 0x39)
    );
    let src = ingest_bytes("gb.txt", &bytes).expect("decoded");
    assert_eq!(src.articles[0].meta.title, "标题𠀀");
    assert!(
        src.articles[0].body.contains("正文有𠀀和😀"),
        "{}",
        src.articles[0].body
    );
}

/// Found by `cargo fuzz run ingest`: a brief bullet with no text was
/// dropped, and its source line with it.
#[test]
fn a_lone_brief_bullet_is_kept() {
    accounted("●\n\u{f}");
    accounted("正文。\n\n●\n");
}

#[test]
fn empty_blank_and_binary_inputs() {
    assert!(ingest_bytes("e.txt", b"")
        .expect("empty")
        .articles
        .is_empty());
    assert!(ingest_bytes("e.txt", b"\n \n\t\n")
        .expect("blank")
        .articles
        .is_empty());
    let e = ingest_bytes(
        "bin.txt",
        &[
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe,
        ],
    )
    .err();
    let msg = e.expect("binary is an error").to_string();
    assert!(msg.starts_with("bin.txt:1:"), "{msg}");
}

#[test]
fn a_ten_megabyte_page_is_handled() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/sources/003_3fdefc164c826a20.txt"
    ))
    .expect("seed");
    let mut big = String::new();
    while big.len() < 10_000_000 {
        big.push_str(&seed);
    }
    let start = std::time::Instant::now();
    let src = ingest_bytes("big.txt", big.as_bytes()).expect("big");
    assert!(src.articles.len() > 1000);
    assert!(accounting(&src.text, &src.articles, &src.removed).is_ok());
    eprintln!(
        "10 MB: {} articles in {:?}",
        src.articles.len(),
        start.elapsed()
    );
}

/// Text built from the pieces these pages are made of.
fn page_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# 标题".to_string()),
        Just("## ——副题".to_string()),
        Just("□本报记者 周尤".to_string()),
        Just("本报讯(记者 黄光红)12月21日,商务部".to_string()),
        Just("新华社北京12月27日电 中共中央".to_string()),
        Just("(上接1版)".to_string()),
        Just("● 12月6日,运动会开幕。(记者 金鑫)".to_string()),
        Just("记者 罗斌 摄/视觉重庆".to_string()),
        Just("重庆国创 摄/李昱彦".to_string()),
        Just("(本报记者 杨骏 采写)".to_string()),
        Just("政务简报".to_string()),
        Just("【案例】".to_string()),
        Just("嘉宾".to_string()),
        Just("一是加强领导".to_string()),
        Just("二、工作情况".to_string()),
        Just("(一)提高站位。正文".to_string()),
        Just("1.用理论,指导:实践".to_string()),
        Just("**问：**请介绍".to_string()),
        Just("答:好的".to_string()),
        Just("3539\t公司".to_string()),
        Just("- ◆列表".to_string()),
        Just("关于我们 | 网站声明 | 返回首页".to_string()),
        Just("2024年11月13日".to_string()),
        Just("杨晨".to_string()),
        Just("造，党的领导".to_string()),
        Just("加快打".to_string()),
        "[\\u{4e00}-\\u{4e20}，。、“”《》()（）:;,!? a-z0-9*#<>\\[\\]_`~&|-]{0,30}",
        Just(String::new()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(src) = ingest_bytes("p.txt", &bytes) {
            prop_assert!(accounting(&src.text, &src.articles, &src.removed).is_ok());
        }
    }

    #[test]
    fn arbitrary_pages_are_accounted_for(text in page_text()) {
        accounted(&text);
    }

    #[test]
    fn arbitrary_unicode_is_accounted_for(text in "\\PC{0,200}") {
        accounted(&text);
    }
}

/// 300 cases by default; `PROPTEST_CASES=20000` for a longer hunt.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}
