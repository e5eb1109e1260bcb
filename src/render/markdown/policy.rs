//! The policies a block's events pass through before they become HTML:
//! raw HTML, links, code, and the no-break runs.
//!
//! Raw HTML policy: raw HTML in Markdown is **escaped**, shown as the text
//! it is. Editors' Markdown never needs it, and escaping is the only policy
//! that is safe without a sanitizer. Links and images keep only `http`,
//! `https` and `mailto` URLs, fragments and relative paths; site paths
//! starting with `/` are rebased onto the base URL's sub-path. Any other
//! scheme (`javascript:`, `data:`…) loses its link and keeps its text.
//!
//! Code blocks are highlighted with classes by the site's [`Highlighter`].

use super::blocks::Events;
use crate::render::emend;
use crate::render::highlight::Highlighter;
use crate::url::Urls;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// Renders Markdown with one site's links and one highlighter.
pub struct Markdown<'a> {
    urls: &'a Urls,
    highlighter: &'a Highlighter,
}

impl<'a> Markdown<'a> {
    /// A renderer for links built by `urls`.
    pub fn new(urls: &'a Urls, highlighter: &'a Highlighter) -> Self {
        Markdown { urls, highlighter }
    }

    /// Applies the HTML, link and code policies to a block's events.
    pub(super) fn transform<'e>(
        &self,
        events: Events<'e>,
        on_note: &mut dyn FnMut(&str) -> String,
    ) -> Events<'e> {
        self.transform_traced(events, &mut Vec::new(), on_note)
    }

    /// [`Self::transform`], also telling for each output event the index
    /// of the input event it came from, so the linker can find each text
    /// event's place in the block's plain text.
    pub(super) fn transform_traced<'e>(
        &self,
        events: Events<'e>,
        origins: &mut Vec<usize>,
        on_note: &mut dyn FnMut(&str) -> String,
    ) -> Events<'e> {
        let mut out = Vec::with_capacity(events.len());
        origins.clear();
        let mut dropped_links = Vec::new();
        let mut code: Option<(Option<String>, String)> = None;
        // Events pushed since the last input event came from it.
        let mut previous = 0;
        for (origin, ev) in events.into_iter().enumerate() {
            origins.resize(out.len(), previous);
            previous = origin;
            if let Some((_, buf)) = code.as_mut() {
                match ev {
                    Event::Text(t) => buf.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let (lang, buf) = code.take().unwrap_or_default();
                        let html = self.highlighter.block(&buf, lang.as_deref());
                        out.push(Event::Html(html.into()));
                    }
                    _ => {}
                }
                continue;
            }
            match ev {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(l) => l.split_whitespace().next().map(str::to_string),
                        CodeBlockKind::Indented => None,
                    };
                    code = Some((lang, String::new()));
                }
                Event::Html(h) | Event::InlineHtml(h) => out.push(Event::Text(h)),
                Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
                Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
                Event::FootnoteReference(label) if emend::marker_label(&label).is_some() => {
                    out.push(Event::FootnoteReference(label))
                }
                Event::FootnoteReference(label) => {
                    out.push(Event::InlineHtml(on_note(&label).into()))
                }
                Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                    let kept = self.with_safe_url(tag);
                    dropped_links.push(kept.is_none());
                    out.extend(kept.map(Event::Start));
                }
                Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                    if !dropped_links.pop().unwrap_or(false) {
                        out.push(Event::End(end));
                    }
                }
                other => out.push(other),
            }
        }
        origins.resize(out.len(), previous);
        out
    }

    /// A link or image tag with its URL made safe, or `None` to drop it
    /// (its text stays).
    fn with_safe_url<'e>(&self, tag: Tag<'e>) -> Option<Tag<'e>> {
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.safe_url(&dest_url)?;
                Some(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.safe_url(&dest_url)?;
                Some(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => Some(other),
        }
    }

    /// The URL to emit for a link destination, or `None` to drop the link.
    fn safe_url<'e>(&self, dest: &CowStr<'e>) -> Option<CowStr<'e>> {
        let trimmed = dest.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
        if trimmed.starts_with('/') && !trimmed.starts_with("//") {
            return Some(self.urls.path(trimmed).into());
        }
        match scheme(trimmed) {
            None if !trimmed.starts_with("//") => Some(dest.clone()),
            Some(s) if ["http", "https", "mailto"].contains(&s.as_str()) => Some(dest.clone()),
            _ => None,
        }
    }
}

/// The URL scheme of `url`, lowercased, if it has one.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    let valid = candidate
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    valid.then(|| candidate.to_ascii_lowercase())
}

/// Each text event with its no-break runs ([`crate::render::nobreak`]) wrapped in
/// `<span class="nb">`, which the stylesheet keeps on one line.
pub(super) fn keep_runs_whole(events: Events<'_>) -> Events<'_> {
    let mut out = Vec::with_capacity(events.len());
    for ev in events {
        let Event::Text(t) = &ev else {
            out.push(ev);
            continue;
        };
        let runs = crate::render::nobreak::runs(t);
        if runs.is_empty() {
            out.push(ev);
            continue;
        }
        let mut pos = 0;
        for r in runs {
            if r.start > pos {
                out.push(Event::Text(t[pos..r.start].to_string().into()));
            }
            out.push(Event::InlineHtml("<span class=\"nb\">".into()));
            out.push(Event::Text(t[r.clone()].to_string().into()));
            out.push(Event::InlineHtml("</span>".into()));
            pos = r.end;
        }
        if pos < t.len() {
            out.push(Event::Text(t[pos..].to_string().into()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::render::markdown::testutil::render;

    #[test]
    fn raw_html_is_escaped() {
        let r = render("<script>alert(1)</script>\n\n正文<img src=x onerror=alert(1)>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn dangerous_links_lose_their_href_and_keep_text() {
        let r = render("[点我](javascript:alert(1)) [图](data:text/html,x) [x](JaVaScRiPt:a) ![i](vbscript:x)\n");
        let h = r.html.to_ascii_lowercase();
        assert!(
            !h.contains("javascript:") && !h.contains("data:") && !h.contains("vbscript:"),
            "{h}"
        );
        assert!(r.html.contains("点我") && r.html.contains('图'));
    }

    #[test]
    fn internal_links_are_rebased_external_kept() {
        let r =
            render("[源](/sources/a/#L3) [外](https://example.org/x) [锚](#p2) [相对](../x/)\n");
        assert!(
            r.html.contains("href=\"/repo/sources/a/#L3\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://example.org/x\""));
        assert!(r.html.contains("href=\"#p2\""));
        assert!(r.html.contains("href=\"../x/\""));
    }

    #[test]
    fn dates_and_numbers_with_units_are_kept_on_one_line() {
        let r = render("2025年2月13日，全市1—11月份增长3.5%。\n");
        assert!(
            r.html.contains(
                "<span class=\"nb\">2025年2月13日</span>，全市<span class=\"nb\">1—11月份</span>"
            ),
            "{}",
            r.html
        );
        assert_eq!(r.blocks[0].text, "2025年2月13日，全市1—11月份增长3.5%。");
    }

    #[test]
    fn code_blocks_are_highlighted_with_classes() {
        let r = render("```rust\nlet x = 1;\n```\n");
        assert!(r.html.contains("hl-"), "{}", r.html);
        assert!(!r.html.contains("style="));
    }
}
