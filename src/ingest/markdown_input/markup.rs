//! Markdown markup read for the text pipeline, so it is not escaped
//! later: quote marks, whole-line bold (a subhead) and `*`/`+` bullets;
//! front-matter lines blanked, so every line keeps its number.

/// The file's lines for the text pipeline: lines before `body_line`
/// (front-matter) blank; quote marks, whole-line bold and `*`/`+` bullets
/// read; everything else as written.
pub(super) fn lines_for_pipeline(text: &str, body_line: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let ending = &raw[raw.trim_end_matches(['\r', '\n']).len()..];
        if i < body_line {
            out.push_str(ending);
            continue;
        }
        out.push_str(&read_line(raw.trim_end_matches(['\r', '\n'])));
        out.push_str(ending);
    }
    out
}

fn read_line(line: &str) -> String {
    let mut t = line.trim_start();
    while let Some(rest) = t.strip_prefix('>') {
        t = rest.trim_start();
    }
    let t = if let Some(rest) = t.strip_prefix("* ").or_else(|| t.strip_prefix("+ ")) {
        format!("- {rest}")
    } else {
        t.to_string()
    };
    let inner = t.trim();
    let bold = inner.len() > 4
        && ((inner.starts_with("**") && inner.ends_with("**"))
            || (inner.starts_with("__") && inner.ends_with("__")));
    if bold && !inner[2..inner.len() - 2].contains("**") {
        return inner[2..inner.len() - 2].trim().to_string();
    }
    t
}

#[cfg(test)]
mod tests {
    use crate::ingest::markdown_input::plan;
    use crate::ingest::markdown_input::Plan;
    use std::path::Path;

    #[test]
    fn without_title_the_pipeline_reads_it() {
        let Plan::Lines { text, fm, .. } =
            plan("# 甲\n\n> 本报记者 张三\n\n**小标题**\n", Path::new("a.md")).unwrap()
        else {
            panic!()
        };
        assert!(fm.is_none());
        assert_eq!(text, "# 甲\n\n本报记者 张三\n\n小标题\n");
        let Plan::Lines { text, .. } =
            plan("---\ndate: 2020-01-02\n---\n# 甲\n", Path::new("a.md")).unwrap()
        else {
            panic!()
        };
        assert_eq!(text, "\n\n\n# 甲\n");
    }
}
