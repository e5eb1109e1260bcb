//! The word lists the extractors use (posts, surnames, reporting verbs,
//! units and system names) and the small tests on the text around a
//! phrase built on them.

use crate::text::is_han;

/// The posts an official is named after (市长, 书记…), as a regex
/// alternation.
pub(super) const POSTS: &str = "副市长|市长|副区长|区长|副县长|县长|副部长|部长|副主任|主任|副书记|书记|院长|行长|董事长|总经理|局长|厅长|主席|秘书长|发言人|检察长";

/// Common surnames: a name must start with one, which keeps verbs and
/// nouns after a post (书记要…, 主任以及…) from being taken for names.
pub(super) const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝傅但";

const VERBS: &[&str] = &[
    "说", "表示", "出席", "介绍", "强调", "指出", "主持", "回答", "当选", "则", "就", "多次",
    "围绕", "要求", "认为", "会见", "调研", "讲话", "参加", "宣布", "作", "主讲", "带队", "一行",
];

/// True when `rest` starts with a reporting verb.
pub(super) fn follows_verb(rest: &str) -> bool {
    VERBS.iter().any(|v| rest.starts_with(v))
}

/// True when a name may end here: end of text, a non-Chinese character
/// (punctuation, space, digit) or a reporting verb.
pub(super) fn ends_name(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) if !is_han(c) => true,
        Some(_) => follows_verb(rest),
    }
}

/// The post before a name: back to the start of its clause (a 、 joins
/// several posts), at most 24 characters.
pub(super) fn post_of(before: &str) -> String {
    let start = before
        .rfind(|c: char| "，。；：！？“”（）(),;:!? \u{3000}\n".contains(c))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &before[start..];
    let skip = clause.chars().count().saturating_sub(24);
    clause.chars().skip(skip).collect()
}

/// True when the text after a digit code names a system: a short run of
/// Chinese ending in 工程, 体系, 机制…, not a unit such as 年 or 万.
pub(super) fn names_a_system(after: &str) -> bool {
    const UNITS: &str =
        "年月日号万亿千百个家人元余多名项吨米亩户所件次天时分秒岁平公斤克条只辆套台批位期届";
    const NAMES: &[&str] = &[
        "工程",
        "体系",
        "机制",
        "布局",
        "架构",
        "行动",
        "计划",
        "战略",
        "格局",
        "模式",
        "工作法",
    ];
    let Some(first) = after.chars().next() else {
        return false;
    };
    if !is_han(first) || UNITS.contains(first) {
        return false;
    }
    let run: String = after.chars().take_while(|&c| is_han(c)).take(10).collect();
    NAMES.iter().any(|n| run.contains(n))
}
