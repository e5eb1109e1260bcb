//! What one update of the output changed, as the dev server reports it.

/// What one rebuild changed in the output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Output files whose bytes changed, relative to the output.
    pub written: Vec<String>,
    /// Output files deleted.
    pub removed: Vec<String>,
    /// Pages an incremental rebuild rendered again because the dependency
    /// graph named them, whether or not their bytes changed (empty after a
    /// full rebuild, which renders everything).
    pub rendered: Vec<String>,
    /// Whether everything was reloaded and re-rendered.
    pub full: bool,
}

impl Outcome {
    /// Whether the only change is to stylesheets, which a page can swap
    /// without reloading.
    pub fn css_only(&self) -> bool {
        !self.written.is_empty()
            && self.removed.is_empty()
            && self.written.iter().all(|p| p.ends_with(".css"))
    }

    /// Whether nothing in the output changed.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_written_stylesheets_are_css_only() {
        let css = Outcome {
            written: vec!["static/site.css".into()],
            ..Outcome::default()
        };
        assert!(css.css_only() && !css.is_empty());
        let mut page = css.clone();
        page.written.push("index.html".into());
        assert!(!page.css_only());
        let mut removal = css.clone();
        removal.removed.push("static/old.css".into());
        assert!(!removal.css_only());
        assert!(!Outcome::default().css_only() && Outcome::default().is_empty());
    }
}
