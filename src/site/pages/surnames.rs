//! How a surname is read, where that differs from the character's
//! commonest reading: 曾 is zēng as a surname (not céng), 单 shàn (not
//! dān), 解 xiè (not jiě). The people index sorts names without a
//! glossary entry by pinyin, so a name needs its surname's reading.
//!
//! The readings are those of the standard dictionaries' surname entries
//! (e.g. 《现代汉语词典》 marks 曾 “Zēng 姓”, 单 “Shàn 姓”); only
//! surnames whose reading differs from the usual one are listed.

/// Two-character surnames, checked first (单于 is chányú, not shàn yú).
const COMPOUND: &[(&str, &str)] = &[
    ("万俟", "mò qí"),
    ("单于", "chán yú"),
    ("尉迟", "yù chí"),
    ("长孙", "zhǎng sūn"),
    ("令狐", "líng hú"),
    ("澹台", "tán tái"),
];

/// One-character surnames.
const SINGLE: &[(char, &str)] = &[
    ('曾', "zēng"),
    ('单', "shàn"),
    ('解', "xiè"),
    ('区', "ōu"),
    ('仇', "qiú"),
    ('查', "zhā"),
    ('朴', "piáo"),
    ('盖', "gě"),
    ('乐', "yuè"),
    ('缪', "miào"),
    ('覃', "qín"),
    ('尉', "yù"),
    ('折', "shé"),
    ('种', "chóng"),
    ('繁', "pó"),
    ('召', "shào"),
    ('员', "yùn"),
    ('秘', "bì"),
    ('黑', "hè"),
    ('宿', "sù"),
    ('华', "huà"),
    ('任', "rén"),
    ('翟', "zhái"),
    ('纪', "jǐ"),
    ('冼', "xiǎn"),
    ('曲', "qū"),
    ('薄', "bó"),
    ('句', "gōu"),
    ('阚', "kàn"),
];

/// The surname reading at the start of `name`: its pinyin syllables and
/// how many characters it covers, if the table has it.
pub fn surname(name: &str) -> Option<(&'static str, usize)> {
    if let Some((_, reading)) = COMPOUND.iter().find(|(s, _)| name.starts_with(s)) {
        return Some((reading, 2));
    }
    let first = name.chars().next()?;
    let rest = name.chars().count() - 1;
    // A lone character is not a name with a surname (and 曾 alone is
    // more likely the word).
    let (_, reading) = SINGLE.iter().find(|(c, _)| *c == first && rest > 0)?;
    Some((reading, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_read_as_surnames() {
        assert_eq!(surname("曾庆红"), Some(("zēng", 1)));
        assert_eq!(surname("单于"), Some(("chán yú", 2)));
        assert_eq!(surname("尉迟恭"), Some(("yù chí", 2)));
        assert_eq!(surname("王毅"), None);
        assert_eq!(surname("曾"), None);
    }
}
